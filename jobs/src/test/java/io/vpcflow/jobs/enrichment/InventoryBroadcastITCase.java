package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory delivered inside the job: one reader watches the root and broadcasts it. Two task managers, one slot
 * each. The address 10.0.1.10 moves from i-web1 to i-web2 at T1, and the snapshot saying so arrives after records of
 * both hours were read: they waited for it (hold-seconds), so each is attributed with the owner of its own time. Then
 * a task manager is killed; the job restores from its checkpoint and, with the root gone, still attributes from the
 * broadcast state.
 */
class InventoryBroadcastITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();
    static final long T1 = T0 + 3600;
    static final long T2 = T1 + 3600;
    static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
            + "bytes start end action log-status tcp-flags\n";

    @TempDir
    Path dir;

    static InventorySnapshot snapshot(long time, String webInstance) {
        return new InventorySnapshot(
                Instant.ofEpochSecond(time),
                true,
                List.of(),
                List.of(
                        Enis.interfaceNamed("eni-db")
                                .groups("sg-db")
                                .addresses("10.0.2.20")
                                .build(),
                        Enis.interfaceNamed("eni-" + webInstance)
                                .instance(webInstance)
                                .groups("sg-web")
                                .addresses("10.0.1.10")
                                .build()),
                List.of(
                        new SecurityGroup(
                                "sg-db",
                                "db",
                                "",
                                "vpc-1",
                                "1",
                                List.of(new SecurityGroupRule(
                                        "sgr-db", "sg-db", false, "tcp", 5432, 5432, null, null, null, "sg-web", null)),
                                Map.of()),
                        new SecurityGroup("sg-web", "web", "", "vpc-1", "1", List.of(), Map.of())),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /** @param flags the tcp-flags field: "2" (SYN) goes through the keyed operator, "-" (none) does not */
    static String record(long start, int srcPort, String flags) {
        return "3 1 eni-db 10.0.1.10 10.0.2.20 " + srcPort + " 5432 6 3 300 " + start + " " + (start + 60)
                + " ACCEPT OK " + flags + "\n";
    }

    @Test
    void aLateSnapshotAttributesTheRecordsOfItsHourAndARestoredJobAttributesFromItsState(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Path root = dir.resolve("inventory");
        Path estate = root.resolve("111122223333/us-east-1");
        InventoryFiles.write(
                snapshot(T0, "i-web1"), estate.resolve(Instant.ofEpochSecond(T0).toString()));
        Path input = Files.createDirectories(dir.resolve("input"));
        Path out = dir.resolve("out");

        Configuration conf = EnrichmentJob.recommended(new Configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobConfig config = JobConfig.files(List.of(input.toString()), root.toString(), out.toString());
        config.source.files.monitorSeconds = 1;
        config.inventory.refreshSeconds = 1;
        config.inventory.holdSeconds = 3600;
        config.checkpointSeconds = 1;
        EnrichmentJob.build(env, config);
        env.enableCheckpointing(300);
        JobClient job = env.executeAsync("inventory broadcast");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            // Records of both hours, with tcp-flags (through the keyed operator) and without (attributed where read).
            Files.writeString(
                    input.resolve("a.log"),
                    HEADER
                            + record(T0 + 60, 40001, "2")
                            + record(T0 + 60, 40002, "-")
                            + record(T1 + 60, 40003, "2")
                            + record(T1 + 60, 40004, "-"));
            Waits.awaitAtLeast(() -> accumulator(job, Counters.INVENTORY_HELD), 4, Duration.ofSeconds(60));
            // The snapshot of T1 arrives late: 10.0.1.10 is now i-web2. It releases the records of T0's hour; those of
            // T1's wait on, since a snapshot between T1 and their time could still come, until the next one (T2).
            InventoryFiles.write(
                    snapshot(T1, "i-web2"),
                    estate.resolve(Instant.ofEpochSecond(T1).toString()));
            InventoryFiles.write(
                    snapshot(T2, "i-web2"),
                    estate.resolve(Instant.ofEpochSecond(T2).toString()));
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
            Waits.awaitAtLeast(() -> Waits.count(db, "SELECT count(*) FROM " + flows), 4, Duration.ofSeconds(60));
            assertThat(rows(db, "SELECT srcport, peer_owner_id, verdict FROM " + flows + " ORDER BY srcport"))
                    .containsExactly(
                            "40001 i-web1 allowed",
                            "40002 i-web1 allowed",
                            "40003 i-web2 allowed",
                            "40004 i-web2 allowed");
            String enis = "read_parquet('" + out.resolve("enis") + "/**/*.parquet')";
            Waits.awaitAtLeast(
                    () -> Waits.count(db, "SELECT count(DISTINCT snapshot_time) FROM " + enis),
                    2,
                    Duration.ofSeconds(60));

            // A task manager dies; the job comes back from its checkpoint on a new one. The root is gone meanwhile:
            // what the job attributes with now is its broadcast state.
            cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            cluster.startTaskManager();
            Files.move(root, dir.resolve("inventory-gone"));
            Files.writeString(
                    input.resolve("b.log"), HEADER + record(T1 + 600, 40005, "2") + record(T1 + 600, 40006, "-"));
            Waits.awaitAtLeast(
                    () -> Waits.count(db, "SELECT count(*) FROM " + flows + " WHERE srcport >= 40005"),
                    2,
                    Duration.ofSeconds(90));
            assertThat(rows(db, "SELECT srcport, peer_owner_id FROM " + flows + " WHERE srcport >= 40005 ORDER BY 1"))
                    .containsExactly("40005 i-web2", "40006 i-web2");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static long accumulator(JobClient job, String name) {
        try {
            Object v = job.getAccumulators().get(30, TimeUnit.SECONDS).get(name);
            return v == null ? 0 : ((Number) v).longValue();
        } catch (Exception e) {
            return 0; // between a failure and the restart the job has no accumulators to give
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
}
