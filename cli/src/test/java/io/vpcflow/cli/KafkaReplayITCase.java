package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.jobs.source.kafka.FlowLogKafkaDeserializer;
import io.vpcflow.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code vpcflow replay --kafka} against a real Kafka broker (KRaft, in-process, loopback). */
class KafkaReplayITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data");
    static KafkaBroker kafka;

    @org.junit.jupiter.api.io.TempDir
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
    void publishesEveryLineInEventTimeOrderWithItsFormat() throws Exception {
        kafka.createTopic("flows", 1);
        // 3 hours of sample data at 36,000x: about 0.3 s of pacing.
        CliRun run = CliRun.of(
                "replay",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--kafka",
                kafka.bootstrap(),
                "--topic",
                "flows",
                "--speed",
                "36000");
        assertThat(run.err())
                .matches("vpcflow: publishing 3,017 lines from 76 files to flows on " + kafka.bootstrap()
                        + " over about \\d+ s; Ctrl-C stops\\n");
        assertThat(run.exit()).isZero();
        long records = new ObjectMapper()
                .readTree(SAMPLE.resolve("expected.json").toFile())
                .get("records")
                .asLong();
        long deadLetters = new ObjectMapper()
                .readTree(SAMPLE.resolve("expected.json").toFile())
                .get("deadLetters")
                .asLong();
        assertThat(run.out()).startsWith(String.format("published %,d lines", records + deadLetters));

        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("flows"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (got.size() < records + deadLetters && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
        }
        assertThat(got).hasSize((int) (records + deadLetters));
        long previousEnd = Long.MIN_VALUE;
        int withFormat = 0;
        for (ConsumerRecord<String, String> r : got) {
            Header h = r.headers().lastHeader(FlowLogKafkaDeserializer.FORMAT_HEADER);
            if (h == null) {
                continue; // a line that is not a record
            }
            withFormat++;
            String format = new String(h.value(), StandardCharsets.UTF_8);
            List<String> names = List.of(format.split(" "));
            String[] fields = r.value().split(" ");
            assertThat(fields).hasSize(names.size());
            assertThat(r.key()).isEqualTo(fields[names.indexOf("interface-id")]);
            long end = Long.parseLong(fields[names.indexOf("end")]);
            assertThat(end).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = end;
        }
        assertThat(withFormat).isEqualTo(records);
    }

    @Test
    void replayIntoKafkaThenStreamFromItGivesTheExpectedResults() throws Exception {
        kafka.createTopic("cli-lines", 2);
        CliRun published = CliRun.of(
                "replay",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--kafka",
                kafka.bootstrap(),
                "--topic",
                "cli-lines",
                "--speed",
                "0");
        assertThat(published.exit()).as(published.err()).isZero();
        // Said before the first line goes: how much, where, and how long it will take.
        assertThat(published.err())
                .matches("vpcflow: publishing [\\d,]+ lines from 76 files to cli-lines on " + kafka.bootstrap()
                        + " as fast as it takes them; Ctrl-C stops\\n");
        Path out = dir.resolve("stream-out");
        CliRun run = CliRun.of(
                "stream",
                "--kafka",
                kafka.bootstrap(),
                "--topic",
                "cli-lines",
                "--until",
                "latest",
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString(),
                "--checkpoint-seconds",
                "1",
                "--parallelism",
                "2");
        assertThat(run.exit()).as(run.err()).isZero();
        CliRun verdicts = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--json",
                "SELECT count(*) AS records, count(*) FILTER (WHERE verdict = 'unexpected_reject') AS rejects FROM flows");
        com.fasterxml.jackson.databind.JsonNode got = new ObjectMapper().readTree(verdicts.out());
        com.fasterxml.jackson.databind.JsonNode expected =
                new ObjectMapper().readTree(SAMPLE.resolve("expected.json").toFile());
        assertThat(got.get("records").asLong())
                .isEqualTo(expected.get("records").asLong());
        assertThat(got.get("rejects").asLong())
                .isEqualTo(expected.at("/verdicts/unexpected_reject").asLong());
    }

    @Test
    void streamNeedsExactlyOneSource() {
        CliRun none =
                CliRun.of("stream", "--inventory", SAMPLE.resolve("inventory").toString(), "--out", "x");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("vpcflow: give one source");
    }

    @Test
    void anUnreachableBrokerOrAMissingTopicIsOneSentence() {
        Path out = dir.resolve("no-topic-out");
        CliRun missing = CliRun.of(
                "stream",
                "--kafka",
                kafka.bootstrap(),
                "--topic",
                "no-such-topic",
                "--until",
                "latest",
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip())
                .isEqualTo("vpcflow: the Kafka brokers at " + kafka.bootstrap() + " have no topic no-such-topic");
        assertThat(out).doesNotExist();
        CliRun noTopic =
                CliRun.of("replay", "--input", SAMPLE.resolve("flowlogs").toString(), "--kafka", kafka.bootstrap());
        assertThat(noTopic.exit()).isEqualTo(2);
        assertThat(noTopic.err().strip()).isEqualTo("vpcflow: --kafka needs --topic");
    }
}
