package io.vpcflow.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output folder: the second is refused, naming the first; a run that died does not block the next. */
class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedNamingTheFirst() throws Exception {
        Path out = dir.resolve("out");
        try (OutputLock first = OutputLock.acquire(out, "replay")) {
            assertThatThrownBy(() -> OutputLock.acquire(out, "stream"))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("another run is writing into " + out + " (vpcflow replay, process "
                            + ProcessHandle.current().pid())
                    .hasMessageEndingWith(": wait for it to end, or give another --out");
        }
        // Released: the next run takes the folder, and the file names it now.
        try (OutputLock next = OutputLock.acquire(out, "stream")) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE))).startsWith("vpcflow stream, process ");
        }
    }

    @Test
    void aLockFileLeftByARunThatDiedDoesNotBlock() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(OutputLock.FILE), "vpcflow replay, process 1 on elsewhere, started long ago");
        try (OutputLock lock = OutputLock.acquire(out, "replay")) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE))).doesNotContain("elsewhere");
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsOneSentenceAndAnObjectStoreHasNoLock() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "not a folder");
        assertThatThrownBy(() -> OutputLock.acquire(file, "replay"))
                .isInstanceOf(UserError.class)
                .hasMessage("--out " + file + " is a file, not a folder");
        assertThat(OutputLock.acquireIfLocal("s3://bucket/tables", "stream")).isNull();
        try (OutputLock local =
                OutputLock.acquireIfLocal(dir.resolve("local").toUri().toString(), "stream")) {
            assertThat(dir.resolve("local").resolve(OutputLock.FILE)).exists();
        }
    }
}
