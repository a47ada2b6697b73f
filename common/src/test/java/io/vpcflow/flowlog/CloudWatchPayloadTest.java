package io.vpcflow.flowlog;

import static io.vpcflow.flowlog.FlowLogReaderTest.gzip;
import static io.vpcflow.flowlog.FlowLogReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs subscription payloads: JSON envelopes whose log events carry header-less lines. */
class CloudWatchPayloadTest {
    private static final String ENVELOPE = """
            {"messageType":"DATA_MESSAGE","owner":"123456789010","logGroup":"vpc-flow-logs",
             "logStream":"eni-1235b8ca123456789-all","subscriptionFilters":["to-kinesis"],
             "logEvents":[
               {"id":"1","timestamp":1418530010000,"message":"2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"},
               {"id":"2","timestamp":1418530010000,"message":"2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK"},
               {"id":"3","timestamp":1418530010000,"message":"not a record"}
             ]}
            """;

    @Test
    void readsEveryLogEventAsALine() {
        CollectingHandler h = read(ENVELOPE.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).extracting(FlowRecord::action).containsExactly(Action.ACCEPT, Action.REJECT);
        assertThat(h.lineNumbers).containsExactly(1L, 2L);
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.lineNumber()).isEqualTo(3);
            assertThat(d.raw()).isEqualTo("not a record");
        });
    }

    @Test
    void readsGzippedAndConcatenatedEnvelopesAndSkipsControlMessages() throws IOException {
        String control =
                "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"\",\"message\":\"CWL CONTROL MESSAGE\"}]}";
        CollectingHandler h = read(gzip(control + ENVELOPE + ENVELOPE), null);
        assertThat(h.records).hasSize(4);
        assertThat(h.deadLetters).hasSize(2);
    }

    @Test
    void usesTheConfiguredFormatBecauseThereIsNoHeader() {
        String envelope = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"eni-9 10.0.0.1 egress\"}]}";
        CollectingHandler h = read(
                envelope.getBytes(StandardCharsets.UTF_8),
                FlowLogFormat.parse("${interface-id} ${srcaddr} ${flow-direction}"));
        assertThat(h.records)
                .singleElement()
                .satisfies(r -> assertThat(r.getString(FlowField.INTERFACE_ID)).isEqualTo("eni-9"));
    }

    @Test
    void malformedJsonIsADeadLetterWithTheRawPayload() {
        String broken = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"2 1 eni-1";
        CollectingHandler h = read(broken.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_ENVELOPE);
            assertThat(d.raw()).isEqualTo(broken);
        });
    }

    @Test
    void anEnvelopeWithoutEventsOrWithNonTextMessagesIsADeadLetter() {
        String payload =
                "{\"messageType\":\"DATA_MESSAGE\"}{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":42}]}";
        CollectingHandler h = read(payload.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactly(DeadLetterReason.BAD_ENVELOPE, DeadLetterReason.BAD_ENVELOPE);
    }

    @Test
    void aBadEnvelopeIsOneDeadLetterAndTheEnvelopesAfterItStillRead() {
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\": nope}]}\n"
                + "garbage between envelopes\n" + ENVELOPE;
        CollectingHandler h = read(payload.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(2);
        assertThat(h.deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactly(
                        DeadLetterReason.BAD_ENVELOPE,
                        DeadLetterReason.BAD_ENVELOPE,
                        DeadLetterReason.WRONG_FIELD_COUNT);
        assertThat(h.deadLetters.get(1).raw()).isEqualTo("garbage between envelopes");
    }

    @Test
    void anEnvelopeThatNeverClosesIsOneDeadLetterCutAtTheLineLimitNotHeldWhole() throws IOException {
        // The bomb: "{" and then spaces; gzip makes 2 MB of it hold 2 GiB, here 64 MiB.
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(packed)) {
            out.write('{');
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
        }
        CollectingHandler h = read(packed.toByteArray(), null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.PAYLOAD_TOO_LARGE);
            assertThat(d.raw()).hasSize(FlowLogReader.MAX_LINE_BYTES).startsWith("{ ");
            assertThat(d.detail()).contains(String.valueOf(64L * (1 << 20) + 1));
        });
    }

    @Test
    void anOversizedEnvelopeBetweenGoodOnesCostsOnlyItself() {
        String big = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\""
                + "x".repeat(FlowLogReader.MAX_ENVELOPE_BYTES) + "\"}]}";
        CollectingHandler h = read((ENVELOPE + big + ENVELOPE).getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(4);
        assertThat(h.deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactly(
                        DeadLetterReason.WRONG_FIELD_COUNT,
                        DeadLetterReason.PAYLOAD_TOO_LARGE,
                        DeadLetterReason.WRONG_FIELD_COUNT);
    }

    @Test
    void deeplyNestedJsonIsADeadLetterNotAStackOverflow() {
        String deep = "{\"logEvents\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}" + ENVELOPE;
        CollectingHandler h = read(deep.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(2);
        assertThat(h.deadLetters.get(0).reason()).isEqualTo(DeadLetterReason.BAD_ENVELOPE);
        assertThat(h.deadLetters.get(0).detail()).contains("nesting depth");
    }

    @Test
    void invalidUtf8InAnEnvelopeIsOneDeadLetterNamingTheByte() {
        byte[] head = "{\"logEvents\":[{\"message\":\"2 1 eni-".getBytes(StandardCharsets.UTF_8);
        byte[] tail = " 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        payload[head.length] = (byte) 0xC3;
        payload[head.length + 1] = (byte) 0x28; // not a continuation byte
        System.arraycopy(tail, 0, payload, head.length + 2, tail.length);
        CollectingHandler h = read(payload, null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_ENVELOPE);
            assertThat(d.detail()).contains("UTF-8");
        });
    }
}
