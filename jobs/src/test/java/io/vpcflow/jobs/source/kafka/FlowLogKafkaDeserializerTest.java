package io.vpcflow.jobs.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.jobs.source.LineItem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Kafka messages as they come: lines with or without a format header, CloudWatch payloads, poison. */
class FlowLogKafkaDeserializerTest {
    private static final String LINE = "2 1 eni-1 10.0.0.1 10.0.0.2 40000 443 6 1 60 100 160 ACCEPT OK";

    @Test
    void aLineUsesItsFormatHeaderElseTheConfiguredFormat() {
        ConsumerRecord<byte[], byte[]> custom = message(5, "eni-9 10.0.0.1 egress");
        custom.headers()
                .add(
                        FlowLogKafkaDeserializer.FORMAT_HEADER,
                        "interface-id srcaddr flow-direction".getBytes(StandardCharsets.UTF_8));
        List<LineItem> out = run(new FlowLogKafkaDeserializer(null), custom, message(6, LINE));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).flows[0].interfaceId).isEqualTo("eni-9");
        assertThat(out.get(0).flows[0].flowDirection).isEqualTo("egress");
        assertThat(out.get(1).flows[0].bytes).isEqualTo(60);
        assertThat(out.get(1).flows[0].source).isEqualTo("kafka:lines/0@6");
    }

    @Test
    void aCloudWatchPayloadGivesOneRecordPerLogEventInOneBatch() throws Exception {
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"" + LINE
                + "\"},{\"message\":\"" + LINE + "\"}]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        List<LineItem> out =
                run(new FlowLogKafkaDeserializer(null), new ConsumerRecord<>("lines", 0, 7, null, gz.toByteArray()));
        assertThat(out)
                .singleElement()
                .satisfies(
                        i -> assertThat(i.flows).extracting(f -> f.lineNumber).containsExactly(1L, 2L));
    }

    @Test
    void poisonBecomesDeadLettersNamingTheMessage() {
        ConsumerRecord<byte[], byte[]> badHeader = message(8, LINE);
        badHeader
                .headers()
                .add(FlowLogKafkaDeserializer.FORMAT_HEADER, "Not A Format!".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> binary =
                new ConsumerRecord<>("lines", 1, 9, null, new byte[] {0, 1, 2, (byte) 0xff});
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>("lines", 0, 10, null, null);
        List<LineItem> out = run(new FlowLogKafkaDeserializer(null), badHeader, binary, tombstone);
        assertThat(out).hasSize(2).allSatisfy(i -> assertThat(i.deadLetter).isNotNull());
        assertThat(out.get(0).deadLetter.reason).isEqualTo("bad_value");
        assertThat(out.get(0).deadLetter.raw).isEqualTo(LINE);
        assertThat(out.get(1).deadLetter.source).isEqualTo("kafka:lines/1@9");
    }

    private static ConsumerRecord<byte[], byte[]> message(long offset, String text) {
        return new ConsumerRecord<>("lines", 0, offset, null, text.getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private static List<LineItem> run(FlowLogKafkaDeserializer d, ConsumerRecord<byte[], byte[]>... messages) {
        List<LineItem> out = new ArrayList<>();
        Collector<LineItem> c = new Collector<>() {
            @Override
            public void collect(LineItem record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
        for (ConsumerRecord<byte[], byte[]> m : messages) {
            d.deserialize(m, c);
        }
        return out;
    }
}
