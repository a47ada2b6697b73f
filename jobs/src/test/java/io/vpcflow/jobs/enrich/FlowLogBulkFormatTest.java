package io.vpcflow.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLogBulkFormatTest {
    @TempDir
    Path dir;

    @Test
    void handsOnEveryLineWithPositionsARestoredReaderSkipsExactly() throws Exception {
        Path file = dir.resolve("f.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            sb.append(i == 700 ? "garbage" : "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 " + i + " 100 160 ACCEPT OK").append('\n');
        }
        Files.writeString(file, sb.toString());
        FlowLogBulkFormat format = new FlowLogBulkFormat(null);

        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(file, null)));
        assertThat(all).hasSize(1200);
        assertThat(all.get(700).getRecord().deadLetter.reason).isEqualTo("wrong_field_count");
        assertThat(all.get(1199).getRecordSkipCount()).isEqualTo(1200);

        // Restore after 900 items: exactly the other 300 come, the first of them is line 901.
        List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(new Configuration(),
                split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 900))));
        assertThat(rest).hasSize(300);
        assertThat(rest.get(0).getRecord().flow.lineNumber).isEqualTo(901);
        assertThat(rest.get(0).getRecordSkipCount()).isEqualTo(901);
    }

    @Test
    void aFileThatCannotBeOpenedIsADeadLetterNotAFailure() throws Exception {
        List<RecordAndPosition<LineItem>> items = readAll(new FlowLogBulkFormat(null)
                .createReader(new Configuration(), split(dir.resolve("vanished.log.gz"), null)));
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.getRecord().deadLetter.reason).isEqualTo("io_error");
            assertThat(i.getRecord().deadLetter.source).endsWith("vanished.log.gz");
        });
    }

    private static FileSourceSplit split(Path file, CheckpointedPosition position) {
        return new FileSourceSplit("s", new org.apache.flink.core.fs.Path(file.toUri()), 0, 1, 0, 1, new String[0],
                position);
    }

    private static List<RecordAndPosition<LineItem>> readAll(BulkFormat.Reader<LineItem> reader) throws Exception {
        List<RecordAndPosition<LineItem>> out = new ArrayList<>();
        BulkFormat.RecordIterator<LineItem> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<LineItem> r;
            while ((r = batch.next()) != null) {
                out.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
            }
            batch.releaseBatch();
        }
        reader.close();
        return out;
    }
}
