package io.vpcflow.jobs.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.sink.kafka.AlertSink;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.query.RunSummary;
import io.vpcflow.query.Warehouse;
import io.vpcflow.testing.FailOnceAfterACheckpoint;
import io.vpcflow.testing.KafkaBroker;
import io.vpcflow.testing.TestEnvironments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job reading lines from a real Kafka broker and writing alerts back in Kafka transactions. */
class KafkaIngestITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final ObjectMapper JSON = new ObjectMapper();

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void aRestartInTheMiddleOfTheTopicLosesNothingAndDoublesNothing() throws Exception {
        kafka.createTopic("backlog", 2);
        List<LinePublisher.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            long t = 1_795_694_400L + i % 3600;
            lines.add(new LinePublisher.Line(
                    t,
                    null,
                    "eni-" + (i % 50),
                    "2 1 eni-" + (i % 50) + " 10.0.0." + (i % 200) + " 10.0.1.1 " + (40000 + i % 20000) + " 443 6 1 "
                            + (100 + i % 7) + " " + t + " " + (t + 60) + " ACCEPT OK"));
        }
        LinePublisher.publish(lines, kafka.bootstrap(), "backlog", 0);
        long bytes = lines.stream()
                .mapToLong(l -> Long.parseLong(l.text().split(" ")[9]))
                .sum();

        StreamExecutionEnvironment env = TestEnvironments.restartingTwice(50);
        Path out = dir.resolve("backlog-out");
        JobConfig config =
                JobConfig.replay(List.of(), SAMPLE.resolve("inventory").toString(), out.toString());
        DataStream<LineItem> source = KafkaLines.source(env, kafka.bootstrap(), "backlog", "restart-test", null, true)
                .map(new FailOnceAfterACheckpoint<LineItem>())
                .name("fail once")
                .uid("fail-once");
        EnrichmentJob.sinks(EnrichmentJob.topology(source, config), config);
        FailOnceAfterACheckpoint.reset();
        env.execute("kafka restart test");

        assertThat(FailOnceAfterACheckpoint.FAILURES.get())
                .as("the injected failure")
                .isEqualTo(1);
        try (Warehouse w = Warehouse.open(out)) {
            assertThat(w.scalar("SELECT count(*) FROM flows")).isEqualTo(lines.size());
            assertThat(w.scalar("SELECT count(DISTINCT source) FROM flows")).isEqualTo(lines.size());
            assertThat(w.scalar("SELECT sum(bytes) FROM flows")).isEqualTo(bytes);
            assertThat(w.scalar("SELECT sum(flows) FROM verdict_stats")).isEqualTo(lines.size());
        }
    }

    /** Every line of the sample's files on a topic, in file order. */
    static void publishSample(String topic) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        LinePublisher.publish(LinePublisher.read(files, null), kafka.bootstrap(), topic, 0);
    }

    /** A reader of an alerts topic from its start, as one that trusts only committed alerts reads it. */
    static KafkaConsumer<String, String> alertsReader(String group, String topic) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @Test
    void atLeastOnceAlertsAreSeenAsTheyAreMadeWithNoCheckpointDone() throws Exception {
        kafka.createTopic("lines-alo", 1);
        kafka.createTopic("alerts-alo", 1);
        publishSample("lines-alo");

        StreamExecutionEnvironment env = TestEnvironments.noRestarts();
        // No checkpoint within the test: an exactly-once alert would stay uncommitted, unseen, throughout.
        env.enableCheckpointing(Duration.ofHours(1).toMillis());
        JobConfig config = JobConfig.replay(
                List.of(),
                SAMPLE.resolve("inventory").toString(),
                dir.resolve("out").toString());
        DataStream<LineItem> lines =
                KafkaLines.source(env, kafka.bootstrap(), "lines-alo", "vpcflow-test-alo", null, false);
        EnrichmentJob.Outputs outputs = EnrichmentJob.topology(lines, config);
        EnrichmentJob.sinks(outputs, config);
        AlertSink.alerts(outputs.flows(), kafka.bootstrap(), "alerts-alo", false);
        org.apache.flink.core.execution.JobClient job = env.executeAsync("kafka alerts at least once");

        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        long unexpectedExpected = expected.at("/verdicts/unexpected_accept").asLong()
                + expected.at("/verdicts/unexpected_reject").asLong();
        java.util.Set<String> records = new java.util.HashSet<>();
        long unexpected = 0;
        try (KafkaConsumer<String, String> consumer = alertsReader("alerts-alo-reader", "alerts-alo")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (unexpected < unexpectedExpected && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode a = JSON.readTree(r.value());
                    // Each alert names its record: with no restore, none comes twice.
                    assertThat(records.add(a.get("source").asText() + "#"
                                    + a.get("lineNumber").asLong()))
                            .isTrue();
                    if (a.get("kind").asText().startsWith("unexpected")) {
                        unexpected++;
                    }
                }
            }
        } finally {
            job.cancel().get();
        }
        assertThat(unexpected).isEqualTo(unexpectedExpected);
    }

    @Test
    void theSampleThroughKafkaGivesTheSameResultsAsFromFilesAndAlertsExactlyOnce() throws Exception {
        kafka.createTopic("lines", 2);
        kafka.createTopic("alerts", 1);
        publishSample("lines");

        StreamExecutionEnvironment env = TestEnvironments.noRestarts();
        env.enableCheckpointing(300);
        Path out = dir.resolve("out");
        JobConfig config =
                JobConfig.replay(List.of(), SAMPLE.resolve("inventory").toString(), out.toString());
        DataStream<LineItem> lines = KafkaLines.source(env, kafka.bootstrap(), "lines", "vpcflow-test", null, true);
        EnrichmentJob.Outputs outputs = EnrichmentJob.topology(lines, config);
        EnrichmentJob.sinks(outputs, config);
        AlertSink.alerts(outputs.flows(), kafka.bootstrap(), "alerts", true);
        env.execute("kafka ingest test");

        JsonNode expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        long expectedAlerts;
        try (Warehouse w = Warehouse.open(out)) {
            JsonNode got =
                    JSON.readTree(JSON.writeValueAsString(RunSummary.of(w).counts()));
            for (String key : List.of(
                    "records", "deadLetters", "deadLettersByReason", "verdicts", "owners", "unexpectedReasons")) {
                assertThat(got.get(key)).as(key).isEqualTo(expected.get(key));
            }
            expectedAlerts = w.scalar("SELECT count(*) FROM flows WHERE verdict LIKE 'unexpected%' "
                    + "OR (action = 'REJECT' AND eni_public_ip IS NOT NULL)");
            assertThat(w.scalar("SELECT count(*) FROM dead_letters WHERE source LIKE 'kafka:lines/%@%'"))
                    .isEqualTo(4);
        }
        assertThat(expectedAlerts)
                .isGreaterThan(expected.at("/verdicts/unexpected_accept").asLong()
                        + expected.at("/verdicts/unexpected_reject").asLong());

        long alerts = 0;
        long unexpected = 0;
        try (KafkaConsumer<String, String> consumer = alertsReader("alerts-reader", "alerts")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (alerts < expectedAlerts && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode a = JSON.readTree(r.value());
                    alerts++;
                    if (a.get("kind").asText().startsWith("unexpected")) {
                        unexpected++;
                        assertThat(a.get("reason").asText()).isIn("nacl_deny", "rule_changed");
                    } else {
                        assertThat(a.get("publicIp").asText()).isEqualTo("203.0.113.80");
                    }
                    assertThat(r.key()).isEqualTo(a.get("interfaceId").asText());
                }
            }
            // Nothing more than expected arrives: exactly once, not at least once.
            assertThat(consumer.poll(Duration.ofSeconds(1)).count()).isZero();
        }
        assertThat(alerts).isEqualTo(expectedAlerts);
        assertThat(unexpected)
                .isEqualTo(expected.at("/verdicts/unexpected_accept").asLong()
                        + expected.at("/verdicts/unexpected_reject").asLong());
    }
}
