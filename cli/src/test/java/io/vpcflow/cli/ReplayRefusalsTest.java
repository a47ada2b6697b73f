package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.cli.support.OutputLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes {@code replay} refuses in one sentence, before a job starts or a file is written. */
class ReplayRefusalsTest {
    private static final Path SAMPLE = Paths.get("..", "sample-data");

    @TempDir
    Path dir;

    @Test
    void aReplayIntoAFolderAnotherRunWritesIsRefusedAndWritesNothing() throws Exception {
        Path out = dir.resolve("out");
        try (OutputLock other = OutputLock.acquire(out, "stream")) {
            CliRun run = replay("--out", out.toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("vpcflow: another run is writing into " + out + " (vpcflow stream, process ");
        }
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(OutputLock.FILE);
        }
    }

    @Test
    void aWindowOfNoSecondsIsOneSentence() {
        CliRun run = replay("--out", dir.resolve("out").toString(), "--window", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("vpcflow: --window must be at least 1 second");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFolderOfSomethingElseGetsNoLockFileOfOurs() throws Exception {
        Path out = Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun run = replay("--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("vpcflow: the output folder " + out + " is not empty and holds more than vpcflow tables");
        assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
    }

    private static CliRun replay(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "replay";
        all[1] = "--input";
        all[2] = SAMPLE.resolve("flowlogs").toString();
        all[3] = "--inventory";
        all[4] = SAMPLE.resolve("inventory").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }
}
