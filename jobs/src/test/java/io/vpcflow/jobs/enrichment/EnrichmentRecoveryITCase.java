package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.sink.Table;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.file.FileLines;
import io.vpcflow.testing.FailOnceAfterACheckpoint;
import io.vpcflow.testing.TestEnvironments;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails once mid-input, after a checkpoint has completed, restarts from that checkpoint, and the
 * tables still hold each input record exactly once.
 */
class EnrichmentRecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();
    private static final int FILES = 12;
    private static final int LINES = 8_000;

    @TempDir
    Path dir;

    @Test
    void aRestoredJobWritesEveryRecordExactlyOnce() throws Exception {
        long bytes = writeInput(FILES);
        Path out = dir.resolve("out");
        StreamExecutionEnvironment env = TestEnvironments.restartingTwice(50);
        JobConfig config = JobConfig.files(
                List.of(dir.resolve("input").toString()),
                dir.resolve("inventory").toString(),
                out.toString());
        DataStream<LineItem> lines = FileLines.source(env, config)
                .map(new FailOnceAfterACheckpoint<LineItem>())
                .name("fail once")
                .uid("fail-once");
        FailOnceAfterACheckpoint.reset();
        EnrichmentJob.sinks(EnrichmentJob.topology(lines, config), config);
        env.execute("recovery test");

        assertThat(FailOnceAfterACheckpoint.FAILURES.get())
                .as("the injected failure happened")
                .isEqualTo(1);
        long expected = (long) FILES * LINES;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet', hive_partitioning = true)";
            String stats =
                    "read_parquet('" + out.resolve("verdict_stats") + "/**/*.parquet', hive_partitioning = true)";
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*), count(DISTINCT source || ':' || line_number), sum(bytes) FROM " + flows)) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows in flows").isEqualTo(expected);
                assertThat(rs.getLong(2)).as("distinct records in flows").isEqualTo(expected);
                assertThat(rs.getLong(3)).isEqualTo(bytes);
            }
            try (ResultSet rs = st.executeQuery("SELECT sum(flows), sum(bytes) FROM " + stats)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(expected);
                assertThat(rs.getLong(2)).isEqualTo(bytes);
            }
        }
    }

    @Test
    void aRestoredJobThatSumsInItsReadersCountsEveryRecordExactlyOnce() throws Exception {
        // More files than above: a reader that sums hands on one item per file, and a checkpoint must
        // complete between two of them.
        long bytes = writeInput(40);
        Path out = dir.resolve("out");
        StreamExecutionEnvironment env = TestEnvironments.restartingTwice(50);
        JobConfig config = JobConfig.files(
                List.of(dir.resolve("input").toString()),
                dir.resolve("inventory").toString(),
                out.toString());
        config.tables = java.util.EnumSet.of(Table.VERDICT_STATS);
        DataStream<LineItem> lines = FileLines.source(env, config)
                .map(new FailOnceAfterACheckpoint<LineItem>())
                .name("fail once")
                .uid("fail-once");
        FailOnceAfterACheckpoint.reset();
        EnrichmentJob.sinks(EnrichmentJob.topology(lines, config), config);
        env.execute("recovery test, summing readers");

        assertThat(FailOnceAfterACheckpoint.FAILURES.get())
                .as("the injected failure happened")
                .isEqualTo(1);
        assertThat(out.resolve("flows")).doesNotExist();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(flows), sum(bytes) FROM read_parquet('"
                        + out.resolve("verdict_stats") + "/**/*.parquet', hive_partitioning = true)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(40L * LINES);
            assertThat(rs.getLong(2)).isEqualTo(bytes);
        }
    }

    /** The inventory and {@code files} gzip files of {@value #LINES} records each; returns their bytes in total. */
    private long writeInput(int files) throws Exception {
        Path inventory = dir.resolve("inventory");
        NetworkInterface web = Enis.interfaceNamed("eni-web")
                .account("1")
                .instance("i-web")
                .zone("az")
                .groups("sg-web")
                .addresses("10.0.1.10")
                .build();
        SecurityGroup sg = new SecurityGroup(
                "sg-web",
                "web",
                "",
                "vpc-1",
                "1",
                List.of(new SecurityGroupRule(
                        "sgr-443", "sg-web", false, "tcp", 443, 443, "0.0.0.0/0", null, null, null, null)),
                Map.of());
        InventoryFiles.write(
                new InventorySnapshot(
                        Instant.ofEpochSecond(T0),
                        true,
                        List.of(),
                        List.of(web),
                        List.of(sg),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                inventory);
        Path input = dir.resolve("input");
        Files.createDirectories(input);
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                long start = T0 + ((f * 7L + i) % 7200);
                long b = 40 + i % 1000;
                bytes += b;
                sb.append("2 1 eni-web 203.0.113.")
                        .append(i % 250)
                        .append(" 10.0.1.10 ")
                        .append(40000 + i % 20000)
                        .append(" 443 6 1 ")
                        .append(b)
                        .append(' ')
                        .append(start)
                        .append(' ')
                        .append(start + 60)
                        .append(" ACCEPT OK\n");
            }
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            Files.write(input.resolve("part-" + f + ".log.gz"), gz.toByteArray());
        }
        return bytes;
    }
}
