package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.query.RunSummary;
import io.vpcflow.query.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vpcflow replay} and {@code vpcflow generate} on an embedded Flink, as a user runs them. */
class ReplayITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** {@code vpcflow replay} of sample-data on two tasks into {@code out}, with {@code more} options. */
    private static CliRun replaySample(Object out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("replay"));
        args.addAll(List.of(more));
        args.addAll(List.of(
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "2"));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theReplayOfSampleDataGivesExactlyTheExpectedResults() throws Exception {
        CliRun run = replaySample(dir.resolve("out").toString(), "--json");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        JsonNode got = JSON.readTree(run.out());
        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        expected.fieldNames().forEachRemaining(k -> assertThat(got.get(k)).as(k).isEqualTo(expected.get(k)));
        assertThat(got.get("latePartials").asLong()).isZero();
    }

    @Test
    void theSummaryFromTheJobsOwnCountsIsTheSummaryOfItsTables() throws Exception {
        Path out = dir.resolve("counted");
        CliRun run = replaySample(out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        // The tables, read back with SQL, are the reference the job's counts must match line for line.
        RunSummary tables;
        try (Warehouse w = Warehouse.open(out)) {
            tables = RunSummary.of(w);
        }
        assertThat(tables.topUnexpected()).hasSize(5);
        assertThat(tables.unusedRules()).hasSize(8);
        String printed = run.out();
        assertThat(printed).contains(String.format("  records        %,d%n", tables.records()));
        String top =
                printed.substring(printed.indexOf("top unexpected flows:"), printed.indexOf("rules no record used:"));
        assertThat(top.lines().skip(1).map(String::strip).toList()).isEqualTo(tables.topUnexpected());
        String unused =
                printed.substring(printed.indexOf("rules no record used:"), printed.indexOf("query the tables"));
        assertThat(unused.lines().skip(1).map(String::strip).toList()).isEqualTo(tables.unusedRules());
        assertThat(printed.lines().findFirst().orElseThrow())
                .matches("replayed 76 files into .* in [0-9.]+ s: the job [0-9.]+ s \\([0-9,]+ records/s\\), "
                        + "start-up and the rest [0-9.]+ s");
    }

    @Test
    void withoutTheFlowsTableTheAggregatesStillGiveTheExpectedCounts() throws Exception {
        Path out = dir.resolve("aggregates");
        CliRun run = replaySample(out.toString(), "--json", "--tables", "verdict_stats,rule_usage");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(out.resolve("flows")).doesNotExist();
        assertThat(out.resolve("enis")).doesNotExist();
        assertThat(out.resolve("dead_letters")).isDirectory();
        JsonNode got = JSON.readTree(run.out());
        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        for (String key : List.of("records", "deadLetters", "verdicts", "owners")) {
            assertThat(got.get(key)).as(key).isEqualTo(expected.get(key));
        }
        CliRun bad = CliRun.of(
                "replay", "--tables", "flowz", "--out", dir.resolve("x").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("no table named 'flowz'");
    }

    @Test
    void aGeneratedDataSetReplaysToItsGroundTruth() throws Exception {
        Path data = dir.resolve("data");
        CliRun gen =
                CliRun.of("generate", "--seed", "42", "--enis", "30", "--records", "5000", "--out", data.toString());
        assertThat(gen.exit()).isZero();
        CliRun run = CliRun.of(
                "replay",
                "--json",
                "--input",
                data.resolve("flowlogs").toString(),
                "--inventory",
                data.resolve("inventory").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--parallelism",
                "2");
        assertThat(run.exit()).isZero();
        JsonNode got = JSON.readTree(run.out());
        JsonNode truth = JSON.readTree(data.resolve("ground-truth.json").toFile());
        assertThat(got.get("records")).isEqualTo(truth.get("records"));
        assertThat(got.get("verdicts")).isEqualTo(truth.get("verdicts"));
        assertThat(got.get("owners")).isEqualTo(truth.get("owners"));
        assertThat(got.get("deadLetters").asLong()).isZero();
    }

    @Test
    void theShippedSampleIsWhatTheSeededGeneratorMakes() throws Exception {
        Path data = dir.resolve("again");
        assertThat(CliRun.of("generate", "--seed", "7", "--enis", "20", "--records", "3000", "--out", data.toString())
                        .exit())
                .isZero();
        List<Path> generated;
        try (Stream<Path> files = Files.walk(data.resolve("flowlogs"))) {
            generated = files.filter(Files::isRegularFile).toList();
        }
        assertThat(generated).hasSizeGreaterThan(50);
        for (Path f : generated) {
            Path shipped = SAMPLE.resolve(data.relativize(f).toString());
            assertThat(Files.mismatch(f, shipped)).as("%s", shipped).isEqualTo(-1L);
        }
        assertThat(Files.readString(data.resolve("ground-truth.json")))
                .isEqualTo(Files.readString(SAMPLE.resolve("generated-ground-truth.json")));
    }

    @Test
    void userMistakesAreOneSentenceAndBadDataIsKept() throws Exception {
        CliRun missing = CliRun.of(
                "replay",
                "--input",
                dir.resolve("nope").toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                dir.resolve("o1").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("vpcflow: no such file or folder: " + dir.resolve("nope"));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun emptyRun = CliRun.of(
                "replay",
                "--input",
                empty.toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                dir.resolve("o2").toString());
        assertThat(emptyRun.exit()).isEqualTo(2);
        assertThat(emptyRun.err().strip()).isEqualTo("vpcflow: the folder " + empty + " holds no files");

        // A corrupt gzip file and an inventory that knows none of the interfaces: the job runs, says so, loses nothing.
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.write(logs.resolve("broken.log.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Files.writeString(
                logs.resolve("ok.log"), "2 1 eni-0nobody 10.0.0.1 10.0.0.2 40000 443 6 1 60 100 160 ACCEPT OK\n");
        Path inventory = Files.createDirectories(dir.resolve("inventory"));
        Files.writeString(inventory.resolve("describe-network-interfaces.json"), "{\"NetworkInterfaces\": []}");
        CliRun run = CliRun.of(
                "replay",
                "--json",
                "--input",
                logs.toString(),
                "--inventory",
                inventory.toString(),
                "--out",
                dir.resolve("o3").toString(),
                "--parallelism",
                "1");
        assertThat(run.exit()).isZero();
        assertThat(run.err().strip()).startsWith("vpcflow: no record's interface is in the inventory");
        JsonNode got = JSON.readTree(run.out());
        assertThat(got.get("records").asLong()).isEqualTo(1);
        assertThat(got.at("/deadLettersByReason/bad_gzip").asLong()).isEqualTo(1);

        CliRun again = CliRun.of(
                "replay",
                "--input",
                logs.toString(),
                "--inventory",
                inventory.toString(),
                "--out",
                dir.resolve("o3").toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("is not empty: give --overwrite");
    }
}
