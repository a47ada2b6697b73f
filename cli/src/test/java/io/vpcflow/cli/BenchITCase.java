package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vpcflow bench} runs every contender on the same files and agrees on the totals (speed is not asserted). */
class BenchITCase {
    @TempDir
    Path dir;

    @Test
    void withoutDirItLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<Path> before = benchFolders(tmp);
        CliRun run = CliRun.of("bench", "--records", "500", "--enis", "20", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("runs")).hasSize(6);
        assertThat(benchFolders(tmp)).isEqualTo(before);
    }

    private static java.util.Set<Path> benchFolders(Path tmp) throws java.io.IOException {
        try (Stream<Path> all = Files.list(tmp)) {
            return all.filter(p -> p.getFileName().toString().startsWith("vpcflow-bench"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void everyRunCountsTheSameAndIsReported() throws Exception {
        CliRun run = CliRun.of(
                "bench",
                "--records",
                "5000",
                "--enis",
                "20",
                "--dir",
                dir.toString(),
                "--json",
                "--threads",
                "--repeat",
                "2");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.out());
        assertThat(o.get("records").asLong()).isBetween(5000L, 5010L);
        assertThat(o.get("runs")).hasSize(6);
        assertThat(o.get("runs")).allSatisfy(r -> {
            assertThat(r.get("recordsPerCpuSecond").asLong()).isPositive();
            assertThat(r.get("cpuSeconds").asDouble()).isPositive();
            assertThat(r.get("jitSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
        });
        // The embedded Flink starts once, and both jobs ran once to warm the JVM before anything was measured.
        assertThat(o.get("flinkStartCpuSeconds").asDouble()).isPositive();
        assertThat(o.get("heapInitialMb").asLong())
                .isPositive()
                .isLessThanOrEqualTo(o.get("heapMaxMb").asLong());
        assertThat(o.get("coldRunCpuSeconds").asDouble()).isPositive();
        assertThat(o.get("coldRunAllTablesCpuSeconds").asDouble()).isPositive();
        // Then jobs of one file, both kinds in turn, each writing its tables.
        assertThat(o.get("warmUpJobs").asInt()).isEqualTo(8);
        assertThat(dir.resolve("out-warm-6").resolve("rule_usage")).isDirectory();
        assertThat(dir.resolve("out-warm-7").resolve("flows")).isDirectory();
        assertThat(dir.resolve("out-warm-8")).doesNotExist();
        // Every measured run twice; each kind reports its median, the lower of two.
        assertThat(o.get("repeat").asInt()).isEqualTo(2);
        assertThat(o.get("runs")).allSatisfy(r -> {
            JsonNode every = r.get("cpuSecondsOfEveryRun");
            assertThat(every).hasSize(2);
            assertThat(r.get("cpuSeconds").asDouble())
                    .isEqualTo(Math.min(every.get(0).asDouble(), every.get(1).asDouble()));
        });
        assertThat(dir.resolve("out-agg-2").resolve("verdict_stats")).isDirectory();
        assertThat(dir.resolve("out-all-2").resolve("flows")).isDirectory();
        assertThat(dir.resolve("duck-all-n-2").resolve("rows.parquet")).isRegularFile();
        assertThat(o.get("garbageCollectors").asText()).isNotBlank();
        assertThat(o.get("ratioAggregatesPerCpu").asDouble()).isPositive();
        // The steady rate is the records over what the run cost beyond start-up, JIT left out; none when it cost no
        // more.
        for (int i = 0; i < 2; i++) {
            JsonNode r = o.get("runs").get(i);
            double beyond = r.get("cpuSeconds").asDouble()
                    - r.get("jitSeconds").asDouble()
                    - (o.get("startupCpuSeconds").asDouble()
                            - o.get("startupJitSeconds").asDouble());
            if (beyond > 0) {
                assertThat(r.get("steadyRecordsPerCpuSecond").asLong())
                        .isEqualTo(Math.round(o.get("records").asLong() / beyond));
            } else {
                assertThat(r.get("steadyRecordsPerCpuSecond").isNull()).isTrue();
            }
        }
        // CPU by thread (Linux): each run's threads, whose times add up to no more than the process's.
        JsonNode byThread = o.get("runs").get(0).get("cpuSecondsByThread");
        assertThat(byThread).isNotEmpty();
        double sum = 0;
        for (JsonNode seconds : byThread) {
            assertThat(seconds.asDouble()).isPositive();
            sum += seconds.asDouble();
        }
        assertThat(sum)
                .isLessThanOrEqualTo(o.get("runs").get(0).get("cpuSeconds").asDouble() + 0.1);
    }

    @Test
    void noRunAtAllIsRefusedInOneSentence() throws Exception {
        CliRun run = CliRun.of("bench", "--records", "100", "--repeat", "0", "--dir", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("vpcflow: --repeat must be at least 1", "Run 'vpcflow bench --help' for usage.");
    }

    @Test
    void aFolderWithSomethingInItIsRefusedInOneSentence() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("bench", "--records", "100", "--dir", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "vpcflow: --dir " + dir + " is not empty: give a new or empty folder",
                        "Run 'vpcflow bench --help' for usage.");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void oneShotRunsEachContenderAsAProcessOfItsOwnAndComparesWhatTheRecordsAdd() throws Exception {
        // Through the packaged jar: the runs are started the way users start them, the launcher beside it.
        JarRun run = JarRun.of(
                dir,
                java.util.List.of(),
                "bench",
                "--one-shot",
                "--records",
                "30000",
                "--enis",
                "20",
                "--dir",
                dir.resolve("work").toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("30,000 records against 20,000 of the same estate")
                .containsPattern("vpcflow aggregates +[0-9.]+ +[0-9.]+ +-?[0-9.]+")
                .containsPattern("duckdb all rows +[0-9.]+ +[0-9.]+ +-?[0-9.]+")
                .containsPattern("(?m)DuckDB/vpcflow, added CPU .*: vpcflow aggregates ([0-9.]+|not measurable: .*)$")
                .containsPattern("(?m)DuckDB/vpcflow, added CPU .*: vpcflow all tables ([0-9.]+|not measurable: .*)$");
        // A vpcflow run reported its own process CPU in its summary.
        String log = Files.readString(dir.resolve("work").resolve("out-0-0-big.log"));
        assertThat(new ObjectMapper()
                        .readTree(log.lines().reduce((a, b) -> b).orElseThrow())
                        .get("cpuSeconds")
                        .asDouble())
                .isPositive();
    }

    @Test
    void theKafkaBenchReadsEveryPublishedLineAtBothParallelismsAndTimesAlerts() throws Exception {
        try (io.vpcflow.testing.KafkaBroker kafka = io.vpcflow.testing.KafkaBroker.start()) {
            CliRun run = CliRun.of(
                    "bench",
                    "--kafka",
                    kafka.bootstrap(),
                    "--records",
                    "20000",
                    "--enis",
                    "20",
                    "--seconds",
                    "3",
                    "--checkpoint-seconds",
                    "1",
                    "--dir",
                    dir.toString(),
                    "--json");
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode o = new ObjectMapper().readTree(run.out());
            long records = o.get("records").asLong();
            JsonNode k = o.get("kafka");
            // The bench fails unless each job counted every published line as a flow.
            for (String p : java.util.List.of("p1", "p2")) {
                assertThat(k.get(p).get("records").asLong()).as(p).isEqualTo(records);
                assertThat(k.get(p).get("recordsPerCpuSecond").asLong()).as(p).isPositive();
            }
            assertThat(dir.resolve("kafka-p2").resolve("verdict_stats")).isDirectory();
            assertThat(k.get("checkpointSeconds").asInt()).isEqualTo(1);
            for (String at : java.util.List.of(
                    "latencyAt50", "latencyAt90", "latencyAt50AtLeastOnce", "latencyAt90AtLeastOnce")) {
                JsonNode l = k.get(at);
                assertThat(l.get("delivery").asText())
                        .as(at)
                        .isEqualTo(at.endsWith("AtLeastOnce") ? "at-least-once" : "exactly-once");
                // Lines published for 3 s at the share of the p=1 rate, and some of them raised alerts that were timed.
                assertThat(l.get("published").asLong())
                        .as(at)
                        .isEqualTo(Math.round(l.get("rate").asDouble() * 3));
                assertThat(l.get("alerts").asLong()).as(at).isPositive();
                assertThat(l.get("p50Seconds").asDouble())
                        .isPositive()
                        .isLessThanOrEqualTo(l.get("p99Seconds").asDouble());
                assertThat(l.get("p99Seconds").asDouble())
                        .isLessThanOrEqualTo(l.get("maxSeconds").asDouble());
            }
            assertThat(k.get("latencyAt90").get("rate").asDouble())
                    .isGreaterThan(k.get("latencyAt50").get("rate").asDouble());
        }
    }
}
