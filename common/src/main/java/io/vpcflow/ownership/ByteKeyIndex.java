package io.vpcflow.ownership;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable map from ASCII ids (ENI ids) to dense ints, looked up straight from a slice of a line
 * buffer so that attributing a record allocates nothing. Open addressing, linear probing.
 */
final class ByteKeyIndex {
    private final byte[][] keys;
    /** The same keys as text, for lookups by String (String.equals is an intrinsic; a char loop is not). */
    private final String[] texts;

    private final int[] values;
    private final int mask;

    ByteKeyIndex(java.util.List<String> ids) {
        int capacity = Integer.highestOneBit(Math.max(4, ids.size() * 2 - 1)) << 1;
        keys = new byte[capacity][];
        texts = new String[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < ids.size(); i++) {
            byte[] k = ids.get(i).getBytes(StandardCharsets.UTF_8);
            int slot = hash(k, 0, k.length) & mask;
            while (keys[slot] != null) {
                if (Arrays.equals(keys[slot], k)) {
                    throw new IllegalArgumentException("duplicate id " + ids.get(i));
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            texts[slot] = ids.get(i);
            values[slot] = i;
        }
    }

    /** The index of the id in {@code b[off, off+len)}, or -1. */
    int get(byte[] b, int off, int len) {
        int slot = hash(b, off, len) & mask;
        byte[] k;
        while ((k = keys[slot]) != null) {
            if (k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The index of {@code id}, or -1; without encoding it (the String's cached hash is the bytes' hash for ASCII). */
    int get(String id) {
        int h = id.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        String k;
        while ((k = texts[slot]) != null) {
            if (k.equals(id)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        // Text with non-ASCII characters hashes differently from its UTF-8 bytes: look it up by those.
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) > 127) {
                byte[] b = id.getBytes(StandardCharsets.UTF_8);
                return get(b, 0, b.length);
            }
        }
        return -1;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off, e = off + len; i < e; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
