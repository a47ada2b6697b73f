package io.vpcflow.jobs.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.testing.KafkaProcess;
import io.vpcflow.testing.TestEnvironments;
import io.vpcflow.testing.Waits;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The streaming job keeps going while its Kafka broker goes away and comes back, and loses nothing. */
class KafkaOutageITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Path SAMPLE = Paths.get("..", "sample-data");

    @TempDir
    Path dir;

    @Test
    void theBrokerGoingAwayAndComingBackLosesNothing() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            LinePublisher.publish(lines(0, 5_000), kafka.bootstrap(), "outage", 0);

            StreamExecutionEnvironment env = TestEnvironments.noRestarts();
            env.enableCheckpointing(200);
            Path out = dir.resolve("out");
            JobConfig config =
                    JobConfig.replay(List.of(), SAMPLE.resolve("inventory").toString(), out.toString());
            DataStream<LineItem> lines =
                    KafkaLines.source(env, kafka.bootstrap(), "outage", "outage-test", null, false);
            EnrichmentJob.sinks(EnrichmentJob.topology(lines, config), config);
            JobClient job = env.executeAsync("kafka outage test");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
                Waits.awaitAtLeast(
                        () -> Waits.count(db, "SELECT count(*) FROM " + flows), 5_000, Duration.ofMinutes(2));

                kafka.stopBroker();
                kafka.startBroker();
                LinePublisher.publish(lines(5_000, 5_000), kafka.bootstrap(), "outage", 0);

                Waits.awaitAtLeast(
                        () -> Waits.count(db, "SELECT count(*) FROM " + flows), 10_000, Duration.ofMinutes(2));
                assertThat(Waits.count(db, "SELECT count(*) FROM (SELECT DISTINCT source FROM " + flows + ")"))
                        .isEqualTo(10_000);
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<LinePublisher.Line> lines(int from, int n) {
        List<LinePublisher.Line> lines = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            long t = 1_795_694_400L + i % 3600;
            lines.add(new LinePublisher.Line(
                    t,
                    null,
                    "eni-" + (i % 20),
                    "2 1 eni-" + (i % 20) + " 10.0.0.1 10.0.1.1 " + (30000 + i) + " 443 6 1 100 " + t + " " + (t + 60)
                            + " ACCEPT OK"));
        }
        return lines;
    }
}
