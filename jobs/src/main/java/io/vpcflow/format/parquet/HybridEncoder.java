package io.vpcflow.format.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parquet's RLE/bit-packed hybrid encoding of small non-negative ints (dictionary ids, definition levels), for a
 * whole page at once: a run of 8 or more equal values (or the equal values that end the page) becomes one RLE
 * run, everything else bit-packed groups of 8. parquet-java's encoder takes one value per call and was a sixth
 * of the {@code flows} writer's time.
 * Not thread-safe: the output buffer is reused.
 */
final class HybridEncoder {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] out = new byte[256];
    private int size;

    /** Encodes {@code values[0..count)}, each below {@code 2^width}; the bytes are {@link #bytes()} up to {@link #size()}. */
    void encode(int[] values, int count, int width) {
        size = 0;
        int i = 0;
        while (i < count) {
            int run = runLength(values, i, count);
            if (run >= 8 || i + run == count) {
                rleRun(values[i], run, width);
                i += run;
                continue;
            }
            // Bit-packed groups of 8 until a run of 8 or more starts at a group's boundary, or the values end
            // (the last group is padded with zeros: readers stop at the page's value count).
            int start = i;
            int groups = 0;
            do {
                i += 8;
                groups++;
            } while (i < count && runLength(values, i, Math.min(count, i + 8)) < 8);
            bitPacked(values, start, Math.min(i, count), groups, width);
            i = Math.min(i, count);
        }
    }

    byte[] bytes() {
        return out;
    }

    int size() {
        return size;
    }

    private static int runLength(int[] values, int from, int to) {
        int v = values[from];
        int j = from + 1;
        while (j < to && values[j] == v) {
            j++;
        }
        return j - from;
    }

    private void rleRun(int value, int run, int width) {
        room(5 + 4);
        varInt(run << 1);
        for (int b = 0; b < (width + 7) / 8; b++) {
            out[size++] = (byte) (value >>> (8 * b));
        }
    }

    private void bitPacked(int[] values, int from, int to, int groups, int width) {
        room(5 + groups * width + 4);
        varInt(groups << 1 | 1);
        // Values go into a long from its low bits up, which leaves as 4 little-endian bytes at a time.
        long acc = 0;
        int bits = 0;
        for (int j = from; j < to; j++) {
            acc |= (values[j] & 0xFFFFFFFFL) << bits;
            bits += width;
            if (bits >= 32) {
                INTS.set(out, size, (int) acc);
                size += 4;
                acc >>>= 32;
                bits -= 32;
            }
        }
        // The padding of the last group: zeros.
        bits += (from + groups * 8 - to) * width;
        while (bits > 0) {
            out[size++] = (byte) acc;
            acc >>>= 8;
            bits -= 8;
        }
    }

    private void varInt(int v) {
        size = PageColumn.putVarInt(out, size, v);
    }

    private void room(int n) {
        if (size + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
        }
    }
}
