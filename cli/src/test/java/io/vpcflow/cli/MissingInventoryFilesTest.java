package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every inventory file is optional, so one can be missing: what the rules then name but the inventory lacks is
 * named once per run, and the records it would decide are stale_inventory, not unexpected for no reason.
 */
class MissingInventoryFilesTest {
    private static final Path SAMPLE = Paths.get("..", "sample-data");

    @TempDir
    Path dir;

    @Test
    void aMissingPrefixListIsNamedOnceAndItsRecordsAreStaleNotUnexpected() throws IOException {
        Path inventory = dir.resolve("inventory");
        TestFiles.copyTree(SAMPLE.resolve("inventory"), inventory);
        try (Stream<Path> files = Files.walk(inventory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("get-managed-prefix-list-entries-"))
                    .toList()) {
                Files.delete(f);
            }
        }
        Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "replay",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--inventory",
                inventory.toString(),
                "--out",
                out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("lacks")))
                .containsExactly("vpcflow: warning: the inventory lacks prefix list pl-0office (named by rule "
                        + "sgr-0webssh of sg-0web); the verdicts they would decide are stale_inventory, not guessed");

        // The rule that names the list opens SSH: every SSH record to the web tier is stale, none judged unknown.
        CliRun q = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT count(*) FILTER (WHERE verdict_reason = 'stale_inventory') AS stale, "
                        + "count(*) FILTER (WHERE verdict_reason = 'unknown') AS unknown, "
                        + "count(*) FILTER (WHERE sg_rule_id = 'sgr-0webssh') AS by_rule FROM flows");
        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out()).isEqualTo("stale,unknown,by_rule\n204,0,0\n");

        CliRun show = CliRun.of("inventory", "show", inventory.toString());
        assertThat(show.err()).contains("the inventory lacks prefix list pl-0office");
        CliRun whole =
                CliRun.of("inventory", "show", SAMPLE.resolve("inventory").toString());
        assertThat(whole.err()).doesNotContain("lacks");
    }
}
