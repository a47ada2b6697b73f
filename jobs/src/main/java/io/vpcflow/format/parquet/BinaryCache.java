package io.vpcflow.format.parquet;

import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * The UTF-8 bytes of recently written strings, so a value that repeats row after row (ids, owners, verdicts:
 * most of a table) is encoded once, not once per row. Direct-mapped by the String's hash, which Java caches
 * in the String: a hit costs a comparison. Not thread-safe: one per writer.
 */
final class BinaryCache {
    private final String[] keys;
    private final Binary[] values;
    private final int mask;

    BinaryCache(int slots) {
        int n = Integer.highestOneBit(Math.max(2, slots - 1)) << 1;
        keys = new String[n];
        values = new Binary[n];
        mask = n - 1;
    }

    Binary binary(String s) {
        int h = s.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        String k = keys[slot];
        if (k == s || (k != null && k.equals(s))) {
            return values[slot];
        }
        // Array-backed: parquet-java hashes, compares and min/maxes these far faster than its String-backed kind.
        Binary b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
        keys[slot] = s;
        values[slot] = b;
        return b;
    }
}
