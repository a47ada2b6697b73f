package io.vpcflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.cli.CliRun;
import io.vpcflow.jobs.source.kafka.LinePublisher;
import io.vpcflow.testing.KafkaBroker;
import io.vpcflow.testing.Waits;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink session cluster (deploy/cluster/start.sh: a JobManager and a TaskManager,
 * separate JVMs from Maven jars) reading a real Kafka broker: submitted with {@code vpcflow deploy}, its
 * TaskManager killed mid-stream and replaced, stopped with a savepoint and resumed from it. The tables
 * hold every message exactly once through all of it.
 */
class ClusterITCase {
    private static final Path SAMPLE =
            Paths.get("..", "sample-data").toAbsolutePath().normalize();
    private static final Path CLUSTER =
            Paths.get("..", "deploy", "cluster").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static KafkaBroker kafka;
    static Map<String, String> env;
    static String restUrl;

    @BeforeAll
    static void startClusterAndBroker() throws Exception {
        kafka = KafkaBroker.start();
        int rest = freePort();
        env = Map.of(
                "VPCFLOW_CLUSTER_DIR",
                dir.resolve("cluster").toString(),
                "VPCFLOW_REST_PORT",
                String.valueOf(rest),
                "VPCFLOW_RPC_PORT",
                String.valueOf(freePort()));
        restUrl = "http://127.0.0.1:" + rest;
        assertThat(script("start.sh")).as("start.sh").isZero();
    }

    @AfterAll
    static void stopClusterAndBroker() throws Exception {
        script("stop.sh");
        kafka.close();
    }

    @Test
    void submittedFailedOverUpgradedAndStillExactlyOnce() throws Exception {
        kafka.createTopic("cluster-lines", 2);
        Path out = dir.resolve("tables");
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "source:",
                        "  kafka:",
                        "    bootstrap: " + kafka.bootstrap(),
                        "    topic: cluster-lines",
                        "inventory:",
                        "  dir: " + SAMPLE.resolve("inventory"),
                        "output: " + out,
                        "checkpoint-seconds: 1",
                        "parallelism: 2",
                        ""));
        List<LinePublisher.Line> sample;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            sample = LinePublisher.read(s.filter(Files::isRegularFile).sorted().toList(), null);
        }
        long records = new ObjectMapper()
                .readTree(SAMPLE.resolve("expected.json").toFile())
                .get("records")
                .asLong();

        String job = deploy("--config", config.toString());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
            LinePublisher.publish(sample, kafka.bootstrap(), "cluster-lines", 0);
            Waits.awaitAtLeast(() -> Waits.count(db, "SELECT count(*) FROM " + flows), records, Duration.ofMinutes(3));
            // The cluster's results are sample-data's expected results.
            var expected =
                    new ObjectMapper().readTree(SAMPLE.resolve("expected.json").toFile());
            expected.get("verdicts")
                    .fields()
                    .forEachRemaining(v -> assertThat(Waits.count(
                                    db, "SELECT count(*) FROM " + flows + " WHERE verdict = '" + v.getKey() + "'"))
                            .as(v.getKey())
                            .isEqualTo(v.getValue().asLong()));
            expected.get("owners")
                    .fields()
                    .forEachRemaining(o -> assertThat(Waits.count(
                                    db,
                                    "SELECT count(*) FROM " + flows
                                            + " WHERE coalesce(eni_owner_kind, 'unattributed') = '" + o.getKey() + "'"))
                            .as(o.getKey())
                            .isEqualTo(o.getValue().asLong()));

            // The TaskManager dies mid-stream; a new one takes over from the last checkpoint.
            long pid = Long.parseLong(
                    Files.readString(dir.resolve("cluster/taskmanager.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            LinePublisher.publish(sample, kafka.bootstrap(), "cluster-lines", 0);
            assertThat(script("start-taskmanager.sh")).isZero();
            Waits.awaitAtLeast(
                    () -> Waits.count(db, "SELECT count(*) FROM " + flows), 2 * records, Duration.ofMinutes(3));

            // An upgrade: stop with a savepoint, traffic goes on, resume from the savepoint.
            CliRun stop = CliRun.of("deploy", "--jobmanager", restUrl, "--stop-with-savepoint", job);
            assertThat(stop.exit()).as(stop.err()).isZero();
            String savepoint =
                    stop.out().substring(stop.out().indexOf(" at ") + 4).strip();
            assertThat(Files.isDirectory(Paths.get(java.net.URI.create(savepoint))))
                    .as(savepoint)
                    .isTrue();
            LinePublisher.publish(sample, kafka.bootstrap(), "cluster-lines", 0);
            String resumed = deploy("--config", config.toString(), "--savepoint", savepoint);
            Waits.awaitAtLeast(
                    () -> Waits.count(db, "SELECT count(*) FROM " + flows), 3 * records, Duration.ofMinutes(3));

            assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(3 * records);
            assertThat(Waits.count(db, "SELECT count(DISTINCT source || '#' || line_number) FROM " + flows))
                    .isEqualTo(3 * records);
            CliRun.of("deploy", "--jobmanager", restUrl, "--stop-with-savepoint", resumed);
        }
    }

    /** A job the cluster cannot start: the sentence is the job's own failure, not "Could not execute application". */
    @Test
    void aJobTheClusterCannotStartSaysWhy() throws Exception {
        Path absent = dir.resolve("no-such-inventory");
        Path config = dir.resolve("broken.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "source:",
                        "  kafka:",
                        "    bootstrap: " + kafka.bootstrap(),
                        "    topic: cluster-lines",
                        "inventory:",
                        "  dir: " + absent,
                        "output: " + dir.resolve("broken-tables"),
                        ""));
        CliRun run = CliRun.of(
                "deploy",
                "--jobmanager",
                restUrl,
                "--config",
                config.toString(),
                "--jar",
                System.getProperty("vpcflow.job.jar", "../jobs/target/vpcflow-job.jar"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains(absent.toString());
        assertThat(run.err()).doesNotContain("Could not execute application");
    }

    /** The TaskManager runs on the parallel collector, which the job's readers are measured to be faster on. */
    @Test
    void theTaskManagerRunsTheParallelCollector() throws Exception {
        String pid = Files.readString(dir.resolve("cluster").resolve("taskmanager.pid"))
                .strip();
        List<String> args =
                List.of(Files.readString(Path.of("/proc", pid, "cmdline")).split("\0"));
        assertThat(args).contains("-XX:+UseParallelGC", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    }

    private static String deploy(String... args) {
        String[] all = Stream.concat(
                        Stream.of(
                                "deploy",
                                "--jobmanager",
                                restUrl,
                                "--jar",
                                System.getProperty("vpcflow.job.jar", "../jobs/target/vpcflow-job.jar")),
                        Stream.of(args))
                .toArray(String[]::new);
        CliRun run = CliRun.of(all);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("web UI: " + restUrl);
        return run.out()
                .lines()
                .findFirst()
                .orElseThrow()
                .replace("submitted job ", "")
                .strip();
    }

    private static int script(String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", CLUSTER.resolve(name).toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
