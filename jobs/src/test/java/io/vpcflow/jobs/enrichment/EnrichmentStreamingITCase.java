package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.testing.TestEnvironments;
import io.vpcflow.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job reading continuously: files that appear later are picked up, and rows are committed on checkpoints. */
class EnrichmentStreamingITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    @Test
    void filesThatArriveLaterAreReadAndCommitted() throws Exception {
        Path inventory = dir.resolve("inventory");
        InventoryFiles.write(
                new InventorySnapshot(
                        Instant.ofEpochSecond(T0),
                        true,
                        List.of(),
                        List.of(Enis.interfaceNamed("eni-web")
                                .account("1")
                                .instance("i-web")
                                .zone("az")
                                .addresses("10.0.1.10")
                                .build()),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                inventory);
        Path input = dir.resolve("input");
        Files.createDirectories(input);
        Files.writeString(input.resolve("a.log"), lines(0, 100));

        StreamExecutionEnvironment env = TestEnvironments.noRestarts();
        Path out = dir.resolve("out");
        JobConfig config = JobConfig.files(List.of(input.toString()), inventory.toString(), out.toString());
        config.source.files.monitorSeconds = 1;
        config.inventory.refreshSeconds = 1;
        env.enableCheckpointing(200);
        EnrichmentJob.build(env, config);
        JobClient job = env.executeAsync("streaming test");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
            Waits.awaitAtLeast(() -> Waits.count(db, "SELECT count(*) FROM " + flows), 100, Duration.ofSeconds(60));
            Files.writeString(input.resolve("b.log"), lines(100, 50) + "not a record\n");
            Waits.awaitAtLeast(() -> Waits.count(db, "SELECT count(*) FROM " + flows), 150, Duration.ofSeconds(60));
            Waits.awaitAtLeast(
                    () -> Waits.count(
                            db,
                            "SELECT count(*) FROM read_parquet('" + out.resolve("dead_letters") + "/**/*.parquet')"),
                    1,
                    Duration.ofSeconds(60));
            assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(150);
            assertThat(Waits.count(db, "SELECT count(*) FROM (SELECT DISTINCT line_number, source FROM " + flows + ")"))
                    .isEqualTo(150);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static String lines(int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            long start = T0 + i;
            sb.append("2 1 eni-web 203.0.113.9 10.0.1.10 ")
                    .append(40000 + i)
                    .append(" 443 6 1 100 ")
                    .append(start)
                    .append(' ')
                    .append(start + 60)
                    .append(" ACCEPT OK\n");
        }
        return sb.toString();
    }
}
