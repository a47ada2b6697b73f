package io.vpcflow.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time scans agree with a plain byte loop on every position and byte value. */
class ByteScanTest {

    @Test
    void tokenEndFindsTheFirstByteAtOrBelowSpace() {
        Random random = new Random(7);
        byte[] pool = {'a', '9', '.', ':', '-', (byte) 0xC3, (byte) 0xA9, (byte) 0x80, (byte) 0xFF, 0x7F, 0x21};
        byte[] stops = {' ', '\t', '\r', 0, 0x1F, 0x20};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(6) == 0 ? stops[random.nextInt(stops.length)] : pool[random.nextInt(pool.length)];
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = from;
            while (expected < to && ((b[expected] & 0xFF) > 0x20)) {
                expected++;
            }
            assertThat(FlowLineParser.tokenEnd(b, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void indexOfNewlineFindsTheFirstNewline() {
        Random random = new Random(8);
        byte[] pool = {'\n', 'a', 0x0B, 0x09, (byte) 0x8A, (byte) 0xFF, 0, 0x1A};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(8) == 0 ? pool[random.nextInt(pool.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(FlowLogReader.indexOfNewline(b, from, to)).isEqualTo(expected);
        }
    }
}
