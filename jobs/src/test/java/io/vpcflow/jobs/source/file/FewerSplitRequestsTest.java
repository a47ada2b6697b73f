package io.vpcflow.jobs.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.jobs.source.LineItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file source's own enumerator behind ours, against Flink's recording enumerator context. */
class FewerSplitRequestsTest {
    @TempDir
    Path dir;

    @Test
    void aRequestGetsSmallFilesUpToTheBytesAheadInOneAssignmentThenOneForEachFileDone() throws Exception {
        for (int i = 0; i < 100; i++) {
            Files.write(dir.resolve("small-" + i + ".log"), new byte[1_000]);
        }
        try (MockSplitEnumeratorContext<FileSourceSplit> context = new MockSplitEnumeratorContext<>(2);
                SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator =
                        withTwoReaders(context, 10_000)) {
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            assertThat(context.getSplitsAssignmentSequence())
                    .extracting(a -> splits(a, 0) + "/" + splits(a, 1))
                    .as("ten files of 1,000 bytes each, in one assignment per reader")
                    .containsExactly("10/0", "0/10");
            enumerator.handleSplitRequest(0, "localhost"); // it finished one of its ten
            assertThat(splits(last(context), 0)).isEqualTo(1);
            for (int i = 0; i < 200 && !context.hasNoMoreSplits(0); i++) {
                enumerator.handleSplitRequest(0, "localhost");
            }
            long assigned = context.getSplitsAssignmentSequence().stream()
                    .mapToLong(a -> splits(a, 0) + splits(a, 1))
                    .sum();
            assertThat(assigned).as("every file, once").isEqualTo(100);
            assertThat(context.hasNoMoreSplits(0)).isTrue();
        }
    }

    @Test
    void largeFilesGoOneAtATimeSoReadersStayBalanced() throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.write(dir.resolve("large-" + i + ".log"), new byte[50_000]);
        }
        try (MockSplitEnumeratorContext<FileSourceSplit> context = new MockSplitEnumeratorContext<>(2);
                SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator =
                        withTwoReaders(context, 10_000)) {
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            enumerator.handleSplitRequest(0, "localhost");
            assertThat(context.getSplitsAssignmentSequence())
                    .extracting(a -> splits(a, 0) + "/" + splits(a, 1))
                    .containsExactly("1/0", "0/1", "1/0");
        }
    }

    /** Our enumerator over the file source's for the files in {@link #dir}, started, with readers 0 and 1. */
    private SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> withTwoReaders(
            MockSplitEnumeratorContext<FileSourceSplit> context, long bytesAhead) throws Exception {
        FileSource<LineItem> files = FileSource.forBulkFileFormat(
                        new FlowLogBulkFormat(null), new org.apache.flink.core.fs.Path(dir.toUri()))
                .build();
        SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> e =
                new FewerSplitRequests<>(files, bytesAhead).createEnumerator(context);
        e.start();
        for (int subtask = 0; subtask < 2; subtask++) {
            context.registerReader(new ReaderInfo(subtask, "localhost"));
            e.addReader(subtask);
        }
        return e;
    }

    private static int splits(SplitsAssignment<FileSourceSplit> a, int subtask) {
        List<FileSourceSplit> s = a.assignment().get(subtask);
        return s == null ? 0 : s.size();
    }

    private static SplitsAssignment<FileSourceSplit> last(MockSplitEnumeratorContext<FileSourceSplit> context) {
        List<SplitsAssignment<FileSourceSplit>> all = context.getSplitsAssignmentSequence();
        return all.get(all.size() - 1);
    }
}
