package io.vpcflow.jobs.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's file source reads what {@code replay} counts: the rule of {@code LocalFiles}, not Flink's own. */
class FlowLogFilesTest {
    @TempDir
    Path dir;

    @Test
    void aRootNamedLikeAMarkerIsReadLinksOnceHiddenNamesNotAndUnreadableEntriesAreSplitsOfTheirOwn() throws Exception {
        Path root = Files.createDirectories(dir.resolve("_logs"));
        Path real = Files.createDirectories(root.resolve("a"));
        Files.writeString(real.resolve("f.log"), "12345");
        Files.createSymbolicLink(root.resolve("b-link"), real);
        Files.createSymbolicLink(real.resolve("loop"), root);
        Files.writeString(root.resolve("_SUCCESS"), "");
        Files.createSymbolicLink(root.resolve("c-broken.log"), dir.resolve("gone"));

        var splits = new FlowLogFiles()
                .enumerateSplits(
                        new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(root.toUri())}, 1);
        assertThat(splits)
                .extracting(s -> s.path().toString())
                .containsExactly("file:" + real.resolve("f.log"), "file:" + root.resolve("c-broken.log"));
        assertThat(splits).extracting(FileSourceSplit::length).containsExactly(5L, 0L);
        assertThat(splits).extracting(FileSourceSplit::splitId).doesNotHaveDuplicates();
    }
}
