package io.vpcflow.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Files as AWS delivers them, and files as they arrive when something went wrong. */
class FlowLogReaderTest {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String R1 =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
    private static final String R2 =
            "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 10 1000 1418530010 1418530070 REJECT OK";
    private static final String NODATA =
            "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA";

    @Test
    void readsAGzipFileWithAHeader() throws IOException {
        CollectingHandler h = read(gzip(String.join("\n", HEADER, R1, R2, NODATA) + "\n"), null);
        assertThat(h.records).hasSize(3);
        assertThat(h.lineNumbers).containsExactly(2L, 3L, 4L);
        assertThat(h.deadLetters).isEmpty();
        assertThat(h.formats).containsExactly(FlowLogFormat.DEFAULT);
    }

    @Test
    void readsPlainTextWithCrlfBlankLinesARepeatedHeaderAndNoFinalNewline() {
        String text = HEADER + "\r\n" + R1 + "\r\n\r\n   \n" + HEADER + "\n" + R2;
        CollectingHandler h = read(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).extracting(r -> r.getLong(FlowField.BYTES)).containsExactly(4249L, 1000L);
        assertThat(h.deadLetters).isEmpty();
        assertThat(h.lineNumbers).containsExactly(2L, 6L);
    }

    @Test
    void withoutAHeaderUsesTheConfiguredFormatOrElseTheDefault() {
        FlowLogFormat nat = FlowLogFormat.parse("instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr");
        CollectingHandler configured =
                read("- eni-1 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5\n".getBytes(StandardCharsets.UTF_8), nat);
        assertThat(configured.records)
                .singleElement()
                .extracting(r -> r.getAddress(FlowField.PKT_DSTADDR).toString())
                .isEqualTo("203.0.113.5");
        CollectingHandler byDefault = read((R1 + "\n").getBytes(StandardCharsets.UTF_8), null);
        assertThat(byDefault.records).hasSize(1);
    }

    @Test
    void aFilesOwnHeaderWinsOverTheConfiguredFormat() {
        FlowLogFormat other = FlowLogFormat.parse("srcaddr dstaddr");
        CollectingHandler h = read((HEADER + "\n" + R1 + "\n").getBytes(StandardCharsets.UTF_8), other);
        assertThat(h.records).hasSize(1);
        assertThat(h.formats).containsExactly(FlowLogFormat.DEFAULT);
    }

    @Test
    void aDifferentHeaderMidFileSwitchesTheFormat() {
        String custom = "version interface-id srcaddr dstaddr tcp-flags pkt-srcaddr flow-direction";
        String text = String.join("\n", HEADER, R1, custom, "5 eni-2 10.0.0.1 10.0.0.2 2 10.0.0.1 egress", HEADER, R2);
        CollectingHandler h = read(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.deadLetters).isEmpty();
        assertThat(h.records).hasSize(3);
        assertThat(h.records.get(1).getString(FlowField.FLOW_DIRECTION)).isEqualTo("egress");
        assertThat(h.records.get(1).getLong(FlowField.TCP_FLAGS)).isEqualTo(2L);
        assertThat(h.formats)
                .containsExactly(FlowLogFormat.DEFAULT, FlowLogFormat.parse(custom), FlowLogFormat.DEFAULT);
    }

    @Test
    void badLinesBecomeDeadLettersAndReadingCarriesOn() {
        String bad = "2 123456789010 eni-1 not-an-ip 10.0.0.2 1 2 6 20 4249 1418530010 1418530070 ACCEPT OK";
        String text = String.join("\n", HEADER, R1, bad, "garbage", R2) + "\n";
        CollectingHandler h = read(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(2);
        assertThat(h.deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactly(DeadLetterReason.BAD_ADDRESS, DeadLetterReason.WRONG_FIELD_COUNT);
        DeadLetter first = h.deadLetters.get(0);
        assertThat(first.lineNumber()).isEqualTo(3);
        assertThat(first.raw()).isEqualTo(bad);
        assertThat(first.source()).isEqualTo("test-source");
        assertThat(first.detail()).contains("srcaddr");
    }

    @Test
    void aTruncatedGzipKeepsEveryWholeLineAndDeadLettersTheTail() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 20_000; i++) {
            sb.append(R1).append('\n');
        }
        byte[] whole = gzip(sb.toString());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        CollectingHandler h = read(cut, null);
        assertThat(h.records).hasSizeGreaterThan(1000).hasSizeLessThan(20_000);
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.BAD_GZIP);
            assertThat(d.lineNumber()).isEqualTo(h.records.size() + 2);
            assertThat(R1).startsWith(d.raw());
        });
    }

    @Test
    void aTinyTruncatedGzipStillHandsOnTheLinesBeforeTheCut() throws IOException {
        byte[] whole = gzip(String.join("\n", HEADER, R1, R2, R1) + "\n");
        // Drop the 8-byte trailer and a little more: the inflater gives what it decoded, then fails.
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        CollectingHandler h = read(cut, null);
        assertThat(h.deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.BAD_GZIP);
        assertThat(h.records.size() + h.deadLetters.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCorruptGzipHeaderIsOneDeadLetter() {
        byte[] b = {0x1f, (byte) 0x8b, 9, 9, 9};
        CollectingHandler h = read(b, null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.BAD_GZIP);
    }

    @Test
    void binaryGarbageEndsAsDeadLettersNeverAsRecords() {
        byte[] garbage = new byte[200_000];
        new Random(42).nextBytes(garbage);
        garbage[0] = 'x'; // not the gzip magic
        CollectingHandler h = read(garbage, null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).isNotEmpty();
        long newlines = 0;
        for (byte b : garbage) {
            newlines += b == '\n' ? 1 : 0;
        }
        assertThat((long) h.deadLetters.size()).isLessThanOrEqualTo(newlines + 1);
    }

    @Test
    void aOneMegabyteLineIsOneDeadLetterCutAtTheLimit() {
        String huge = "2 ".repeat(512 * 1024);
        String text = String.join("\n", HEADER, R1, huge, R2) + "\n";
        CollectingHandler h = read(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(2);
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.LINE_TOO_LONG);
            assertThat(d.lineNumber()).isEqualTo(3);
            assertThat(d.raw()).hasSize(FlowLogReader.MAX_LINE_BYTES);
        });
        assertThat(h.lineNumbers).containsExactly(2L, 4L);
    }

    @Test
    void aLongLineAtTheEndWithoutNewlineIsStillOneDeadLetter() {
        String text = R1 + "\n" + "x".repeat(FlowLogReader.MAX_LINE_BYTES + 5);
        CollectingHandler h = read(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.records).hasSize(1);
        assertThat(h.deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.LINE_TOO_LONG);
    }

    @Test
    void recordsThatSpanBufferBoundariesAreReadWhole() {
        StringBuilder sb = new StringBuilder();
        long expected = 0;
        for (int i = 0; i < 30_000; i++) {
            sb.append("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 ")
                    .append(i)
                    .append(" 1418530010 1418530070 ACCEPT OK\n");
            expected += i;
        }
        CollectingHandler h = read(sb.toString().getBytes(StandardCharsets.UTF_8), null);
        assertThat(h.deadLetters).isEmpty();
        assertThat(h.records.stream().mapToLong(r -> r.getLong(FlowField.BYTES)).sum())
                .isEqualTo(expected);
    }

    @Test
    void anEmptyFileHasNothingAtAll() {
        CollectingHandler h = read(new byte[0], null);
        assertThat(h.records).isEmpty();
        assertThat(h.deadLetters).isEmpty();
    }

    @Test
    void aReadErrorMidFileKeepsWhatCameBeforeIt() {
        byte[] body = (HEADER + "\n" + R1 + "\n" + R2.substring(0, 20)).getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos < body.length) {
                    return body[pos++] & 0xFF;
                }
                throw new IOException("connection reset");
            }
        };
        CollectingHandler h = new CollectingHandler();
        new FlowLogReader(null).read("test-source", failing, h);
        assertThat(h.records).hasSize(1);
        assertThat(h.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.IO_ERROR);
            assertThat(d.raw()).isEqualTo(R2.substring(0, 20));
            assertThat(d.detail()).contains("connection reset");
        });
    }

    @Test
    void thePullFormHandsOnOneLineAtATime() throws IOException {
        CollectingHandler h = new CollectingHandler();
        FlowLogReader reader = new FlowLogReader(null);
        reader.open("pull", new ByteArrayInputStream(gzip(String.join("\n", HEADER, R1, "", "junk", R2))), h);
        int steps = 0;
        while (reader.next()) {
            steps++;
            assertThat(h.records.size() + h.deadLetters.size()).isEqualTo(steps);
        }
        assertThat(steps).isEqualTo(3);
        assertThat(reader.next()).isFalse();
    }

    @Test
    void endsItsInflaterButNotTheCallersStreamAndReadsTheNextFileAfterIt() throws IOException {
        // The reader closes the inflating stream it made as soon as the input ends (its native memory would
        // otherwise wait for a garbage collection); the stream it was given stays the caller's.
        FlowLogReader reader = new FlowLogReader(null);
        List<Boolean> closed = new ArrayList<>();
        for (String line : List.of(R1, R2)) {
            CollectingHandler h = new CollectingHandler();
            InputStream given = new ByteArrayInputStream(gzip(HEADER + "\n" + line + "\n")) {
                @Override
                public void close() {
                    closed.add(true);
                }
            };
            reader.read("file", given, h);
            assertThat(reader.holdsInflater()).isFalse();
            assertThat(h.records).hasSize(1);
            assertThat(h.deadLetters).isEmpty();
            assertThat(given.read()).isEqualTo(-1);
        }
        assertThat(closed).isEmpty();
        // A file larger than the line buffer keeps its inflater while it is read, and not after.
        byte[] large = gzip(HEADER + "\n" + (R1 + "\n").repeat(4_000));
        reader.open("large", new ByteArrayInputStream(large), new CollectingHandler());
        assertThat(reader.holdsInflater()).isTrue();
        while (reader.next()) {
            // to the end
        }
        assertThat(reader.holdsInflater()).isFalse();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static CollectingHandler read(byte[] bytes, FlowLogFormat configured) {
        CollectingHandler h = new CollectingHandler();
        new FlowLogReader(configured).read("test-source", new ByteArrayInputStream(bytes), h);
        return h;
    }
}
