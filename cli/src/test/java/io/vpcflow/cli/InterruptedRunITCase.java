package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.query.RunState;
import io.vpcflow.testing.Waits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay that does not finish: its tables are never read as a whole run. Ctrl-C says what was done and what is
 * left; a killed run leaves a state that says it never ended; query and report refuse both (or warn, with
 * {@code --allow-incomplete}); {@code --overwrite} replaces them with a whole run.
 */
class InterruptedRunITCase {
    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void enoughDataToInterrupt() {
        data = dir.resolve("data");
        CliRun gen = CliRun.of("generate", "--out", data.toString(), "--records", "500000", "--seed", "3");
        assertThat(gen.exit()).as(gen.err()).isZero();
    }

    @Test
    void ctrlCSaysWhatWasDoneAndLeavesTablesThatAreRefusedUntilOverwritten() throws Exception {
        Path out = dir.resolve("interrupted");
        JarRun.Started run = startReplay(out, false);
        awaitRunning(out);
        assertThat(new ProcessBuilder(
                                "kill", "-INT", String.valueOf(run.process().pid()))
                        .start()
                        .waitFor())
                .isZero();
        JarRun r = run.await();
        assertThat(r.exit()).isEqualTo(130);
        assertThat(r.err())
                .containsPattern("vpcflow: interrupted: [\\d,]+ of \\d+ files started and [\\d,]+ records read")
                .contains("replay again with --overwrite");
        RunState state = RunState.of(out);
        assertThat(state.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(state.ended()).isNotNull();

        CliRun refused = CliRun.of("query", "--warehouse", out.toString(), "SELECT count(*) FROM flows");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().lines())
                .singleElement()
                .asString()
                .startsWith("vpcflow: the replay writing " + out + " was interrupted at ")
                .endsWith("its tables are not a whole run (give --allow-incomplete to read them anyway)");
        CliRun report = CliRun.of("report", "owners", "--warehouse", out.toString());
        assertThat(report.exit()).isEqualTo(2);

        JarRun again = replay(out, true);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(RunState.of(out).state()).isEqualTo(RunState.COMPLETE);
        CliRun whole = CliRun.of("query", "--warehouse", out.toString(), "--csv", "SELECT count(*) FROM flows");
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(whole.err()).isEmpty();
        assertThat(RunState.of(out).counts().get("records").toString())
                .isEqualTo(whole.out().lines().toList().get(1));

        // What a crash after the tables were written leaves (the 2,198 of 3,013): a state that never ended.
        RunState.started("replay").writeTo(out);
        CliRun crashed = CliRun.of("query", "--warehouse", out.toString(), "SELECT count(*) FROM flows");
        assertThat(crashed.exit()).isEqualTo(2);
        assertThat(crashed.err()).contains("stopped before it finished");
        CliRun warned = CliRun.of(
                "query", "--allow-incomplete", "--warehouse", out.toString(), "--csv", "SELECT count(*) FROM flows");
        assertThat(warned.exit()).isZero();
        assertThat(warned.err()).startsWith("vpcflow: warning: the replay that started writing " + out);
        assertThat(warned.out()).isEqualTo(whole.out());
    }

    @Test
    void aKilledRunLeavesAStateThatNeverEndedAndIsRefused() throws Exception {
        Path out = dir.resolve("killed");
        JarRun.Started run = startReplay(out, false);
        awaitRunning(out);
        run.process().destroyForcibly();
        run.await();
        assertThat(RunState.of(out).state()).isEqualTo(RunState.RUNNING);

        CliRun refused = CliRun.of("query", "--warehouse", out.toString(), "SELECT 1");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("stopped before it finished");
    }

    private static JarRun.Started startReplay(Path out, boolean overwrite) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "replay",
                "--input",
                data.resolve("flowlogs").toString(),
                "--inventory",
                data.resolve("inventory").toString(),
                "--out",
                out.toString()));
        if (overwrite) {
            args.add("--overwrite");
        }
        return JarRun.start(dir, List.of(), args.toArray(String[]::new));
    }

    private static JarRun replay(Path out, boolean overwrite) throws Exception {
        return startReplay(out, overwrite).await();
    }

    /** The state file says running just before the job starts: the run is then under way. */
    private static void awaitRunning(Path out) {
        Waits.awaitAtLeast(
                () -> {
                    try {
                        RunState s = RunState.of(out);
                        return s != null && RunState.RUNNING.equals(s.state()) ? 1 : 0;
                    } catch (IOException partlyWritten) {
                        return 0;
                    }
                },
                1,
                Duration.ofSeconds(60));
    }
}
