package io.vpcflow.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recently seen short texts by their bytes, so the values that repeat on line after line (account, interface
 * and VPC ids, the estate's addresses) become one shared {@code String} each instead of a new one per record:
 * nothing is allocated on a hit, and each String's hash is computed once. Direct-mapped: a text whose slot
 * is taken replaces the one there. Not thread-safe: one per reader.
 */
public final class TextCache {
    /** Longer texts are rarely repeated ids: they are decoded every time, not cached. */
    private static final int MAX_LENGTH = 64;

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    /** @param slots how many texts it holds at most; rounded up to a power of two */
    public TextCache(int slots) {
        int n = Integer.highestOneBit(Math.max(2, slots - 1)) << 1;
        keys = new byte[n][];
        values = new String[n];
        mask = n - 1;
    }

    /** The UTF-8 text of {@code b[off, off+len)}. */
    public String get(byte[] b, int off, int len) {
        if (len > MAX_LENGTH) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = off, e = off + len; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 15)) & mask;
        byte[] k = keys[slot];
        if (k != null && k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
            return values[slot];
        }
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, off, off + len);
        values[slot] = s;
        return s;
    }
}
