package io.vpcflow.format.parquet;

import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE / bit-packing hybrid runs (definition levels, dictionary ids) a page at a time into an
 * array: a run of one repeated value is a fill, a bit-packed group a loop. parquet-java's decoder hands them out
 * one call per value, which for a column of 14 fields cost more than the values themselves.
 */
final class HybridDecoder {
    private HybridDecoder() {}

    /**
     * Decodes {@code n} values of {@code width} bits from {@code b[at, end)} into {@code out[0, n)}.
     *
     * @return the position after the last run read
     */
    static int decode(byte[] b, int at, int end, int width, int[] out, int n) {
        if (width == 0) {
            java.util.Arrays.fill(out, 0, n, 0);
            return at;
        }
        int bytesPerValue = (width + 7) >>> 3;
        int mask = width == 32 ? -1 : (1 << width) - 1;
        int i = 0;
        while (i < n) {
            long header = 0;
            int shift = 0;
            while (true) {
                if (at >= end) {
                    throw new ParquetDecodingException("a run of levels or ids ends before its values");
                }
                int c = b[at++];
                header |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                    break;
                }
                shift += 7;
                if (shift > 35) {
                    throw new ParquetDecodingException("a run header longer than five bytes");
                }
            }
            if ((header & 1) == 0) {
                int count = (int) (header >>> 1);
                if (at + bytesPerValue > end) {
                    throw new ParquetDecodingException("a repeated run ends before its value");
                }
                int v = 0;
                for (int k = 0; k < bytesPerValue; k++) {
                    v |= (b[at + k] & 0xFF) << (8 * k);
                }
                at += bytesPerValue;
                int stop = Math.min(n, i + count);
                java.util.Arrays.fill(out, i, stop, v);
                i = stop;
            } else {
                int values = (int) (header >>> 1) * 8;
                int bytes = (int) (header >>> 1) * width;
                if (at + bytes > end) {
                    throw new ParquetDecodingException("a bit-packed run ends before its values");
                }
                int stop = Math.min(n, i + values);
                // The values stream out of a 64-bit buffer refilled 4 bytes at a time (byte by byte at the run's end):
                // a shift and a mask per value.
                long buffer = 0;
                int bits = 0;
                int p = at;
                int last = at + bytes;
                for (; i < stop; i++) {
                    if (bits < width) {
                        if (p + 4 <= last) {
                            buffer |= ((b[p] & 0xFFL)
                                            | (b[p + 1] & 0xFFL) << 8
                                            | (b[p + 2] & 0xFFL) << 16
                                            | (b[p + 3] & 0xFFL) << 24)
                                    << bits;
                            p += 4;
                            bits += 32;
                        } else {
                            while (bits < width) {
                                buffer |= (b[p++] & 0xFFL) << bits;
                                bits += 8;
                            }
                        }
                    }
                    out[i] = (int) buffer & mask;
                    buffer >>>= width;
                    bits -= width;
                }
                at += bytes;
            }
        }
        return at;
    }
}
