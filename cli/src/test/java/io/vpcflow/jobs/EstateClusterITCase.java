package io.vpcflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.cli.CliRun;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.S3InventoryStore;
import io.vpcflow.jobs.source.kafka.LinePublisher;
import io.vpcflow.net.IpAddress;
import io.vpcflow.testing.KafkaBroker;
import io.vpcflow.testing.S3Server;
import io.vpcflow.testing.Waits;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job on a real Flink session cluster of two TaskManagers, each with its own working folder and no inventory on
 * disk: the inventory root is on the S3 test server, read by the job's one reader and broadcast. 10.0.1.10 moves from
 * i-web1 to i-web2 at T1 and the snapshot saying so is written after records of both hours were published: each
 * record gets the owner of its own time. Then a TaskManager is killed and replaced, and records published after are
 * still attributed with the inventory the job holds in its state.
 */
class EstateClusterITCase {
    private static final Path CLUSTER =
            Paths.get("..", "deploy", "cluster").toAbsolutePath().normalize();
    static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();
    static final long T1 = T0 + 3600;
    static final long T2 = T1 + 3600;
    static final String FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
            + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${tcp-flags}";

    @TempDir
    static Path dir;

    static KafkaBroker kafka;
    static S3Server s3Server;
    static Map<String, String> env;
    static String restUrl;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        s3Server = S3Server.start(dir.resolve("s3"));
        System.setProperty("aws.accessKeyId", "S3RVER");
        System.setProperty("aws.secretAccessKey", "S3RVER");
        int rest = freePort();
        env = new HashMap<>(Map.of(
                "VPCFLOW_CLUSTER_DIR", dir.resolve("cluster").toString(),
                "VPCFLOW_REST_PORT", String.valueOf(rest),
                "VPCFLOW_RPC_PORT", String.valueOf(freePort()),
                "VPCFLOW_TASKMANAGERS", "2",
                "VPCFLOW_SLOTS", "1",
                // The TaskManagers' default credential chain, for the S3 test server.
                "AWS_ACCESS_KEY_ID", "S3RVER",
                "AWS_SECRET_ACCESS_KEY", "S3RVER"));
        restUrl = "http://127.0.0.1:" + rest;
        assertThat(script("start.sh")).as("start.sh").isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        script("stop.sh");
        kafka.close();
        s3Server.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static InventorySnapshot snapshot(long time, String web) {
        NetworkInterface db = eni("eni-db", null, "sg-db", "10.0.2.20");
        NetworkInterface host = eni("eni-" + web, web, "sg-web", "10.0.1.10");
        return new InventorySnapshot(
                Instant.ofEpochSecond(time),
                true,
                List.of(),
                List.of(db, host),
                List.of(
                        new SecurityGroup(
                                "sg-db",
                                "db",
                                "",
                                "vpc-1",
                                "111122223333",
                                List.of(new SecurityGroupRule(
                                        "sgr-db", "sg-db", false, "tcp", 5432, 5432, null, null, null, "sg-web", null)),
                                Map.of()),
                        new SecurityGroup("sg-web", "web", "", "vpc-1", "111122223333", List.of(), Map.of())),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static NetworkInterface eni(String id, String instance, String group, String ip) {
        return new NetworkInterface(
                id,
                "interface",
                "",
                null,
                false,
                "111122223333",
                instance,
                null,
                "subnet-1",
                "vpc-1",
                "us-east-1a",
                List.of(group),
                List.of(IpAddress.parse(ip)),
                List.of(),
                null,
                Map.of(),
                "in-use",
                null);
    }

    static String record(long start, int srcPort, String flags) {
        return "5 111122223333 eni-db 10.0.1.10 10.0.2.20 " + srcPort + " 5432 6 3 300 " + start + " " + (start + 60)
                + " ACCEPT OK " + flags + "\n";
    }

    @Test
    void twoTaskManagersWithoutLocalInventoryAttributeEachRecordAtItsOwnTimeAndAfterOneDies() throws Exception {
        S3Client s3 = new AwsClients("us-east-1", null, s3Server.endpoint()).s3();
        s3.createBucket(r -> r.bucket("inventory"));
        S3InventoryStore root = new S3InventoryStore(s3, "s3://inventory/org");
        String estate = "111122223333/us-east-1/";
        root.write(snapshot(T0, "i-web1"), estate + Instant.ofEpochSecond(T0), "111122223333", "us-east-1", Map.of());

        kafka.createTopic("estate-lines", 2);
        Path out = dir.resolve("tables");
        Path config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "source:",
                        "  kafka:",
                        "    bootstrap: " + kafka.bootstrap(),
                        "    topic: estate-lines",
                        "format: \"" + FORMAT + "\"",
                        "inventory:",
                        "  dir: s3://inventory/org",
                        "  region: us-east-1",
                        "  endpoint: " + s3Server.endpoint(),
                        "  refresh-seconds: 1",
                        "  hold-seconds: 3600",
                        "output: " + out,
                        "checkpoint-seconds: 1",
                        "parallelism: 2",
                        ""));
        CliRun deploy = CliRun.of(
                "deploy",
                "--jobmanager",
                restUrl,
                "--jar",
                System.getProperty("vpcflow.job.jar", "../jobs/target/vpcflow-job.jar"),
                "--config",
                config.toString());
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        String job = deploy.out()
                .lines()
                .findFirst()
                .orElseThrow()
                .replace("submitted job ", "")
                .strip();

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            publish(record(T0 + 60, 40001, "2")
                    + record(T0 + 60, 40002, "-")
                    + record(T1 + 60, 40003, "2")
                    + record(T1 + 60, 40004, "-"));
            Waits.awaitAtLeast(() -> accumulator(job, "inventoryHeldRecords"), 4, Duration.ofMinutes(2));
            // Late: the snapshots of T1 (10.0.1.10 is i-web2 now) and T2 are written after the records were read.
            root.write(
                    snapshot(T1, "i-web2"), estate + Instant.ofEpochSecond(T1), "111122223333", "us-east-1", Map.of());
            root.write(
                    snapshot(T2, "i-web2"), estate + Instant.ofEpochSecond(T2), "111122223333", "us-east-1", Map.of());
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
            Waits.awaitAtLeast(() -> Waits.count(db, "SELECT count(*) FROM " + flows), 4, Duration.ofMinutes(2));
            assertThat(rows(db, "SELECT srcport, peer_owner_id, verdict FROM " + flows + " ORDER BY 1"))
                    .containsExactly(
                            "40001 i-web1 allowed",
                            "40002 i-web1 allowed",
                            "40003 i-web2 allowed",
                            "40004 i-web2 allowed");

            // A TaskManager dies and another takes its place; the inventory the job holds is in its state.
            long pid = Long.parseLong(
                    Files.readString(dir.resolve("cluster/taskmanager-2.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            assertThat(script("start-taskmanager.sh", "taskmanager-2")).isZero();
            publish(record(T1 + 600, 40005, "2") + record(T1 + 600, 40006, "-"));
            Waits.awaitAtLeast(
                    () -> Waits.count(db, "SELECT count(*) FROM " + flows + " WHERE srcport >= 40005"),
                    2,
                    Duration.ofMinutes(3));
            assertThat(rows(db, "SELECT srcport, peer_owner_id FROM " + flows + " WHERE srcport >= 40005 ORDER BY 1"))
                    .containsExactly("40005 i-web2", "40006 i-web2");
            assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(6);
            // Each TaskManager kept its files in a folder of its own.
            assertThat(dir.resolve("cluster/taskmanager")).isDirectory();
            assertThat(dir.resolve("cluster/taskmanager-2")).isDirectory();
        } finally {
            CliRun.of("deploy", "--jobmanager", restUrl, "--stop-with-savepoint", job);
            s3.close();
        }
    }

    private static void publish(String lines) throws Exception {
        Path f = Files.createTempFile(dir, "lines", ".log");
        Files.writeString(f, lines);
        LinePublisher.publish(LinePublisher.read(List.of(f), null), kafka.bootstrap(), "estate-lines", 0);
    }

    private static long accumulator(String job, String name) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + job + "/accumulators"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            for (JsonNode a : new ObjectMapper().readTree(r.body()).path("user-task-accumulators")) {
                if (a.path("name").asText().equals(name)) {
                    return a.path("value").asLong();
                }
            }
            return 0;
        } catch (Exception e) {
            return 0; // the job is restarting: nothing to read yet
        }
    }

    private static List<String> rows(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : " ").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static int script(String name, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", CLUSTER.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
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
