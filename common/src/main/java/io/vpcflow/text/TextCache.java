package io.vpcflow.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recently seen short texts by their bytes, so the values that repeat on line after line (account, interface
 * and VPC ids, the estate's addresses) become one shared {@code String} each instead of a new one per record:
 * nothing is allocated on a hit, and each String's hash is computed once. Two-way set-associative: a text can
 * take one of two slots (a set), and a new text replaces the older of the two. Not thread-safe: one per reader.
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

    /**
     * A hash of the first and last eight bytes and the length: ids and addresses differ in their ends, and
     * two word reads cost less than a loop over every byte (a collision only costs a miss).
     */
    static int hash(byte[] b, int off, int len) {
        long x;
        if (len >= 8) {
            x = (long) WORDS.get(b, off) * 0x9E3779B97F4A7C15L + (long) WORDS.get(b, off + len - 8);
        } else {
            x = 0;
            for (int i = off, e = off + len; i < e; i++) {
                x = (x << 8) | (b[i] & 0xFF);
            }
            x *= 0x9E3779B97F4A7C15L;
        }
        // SplitMix64's whole finalizer: with half of it, ids that differ only in their last characters (as an
        // estate's interface ids do) met in the same slots twice as often as random texts would.
        x += len;
        x ^= x >>> 30;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 27;
        x *= 0x94D049BB133111EBL;
        return (int) (x ^ (x >>> 31));
    }

    private static final java.lang.invoke.VarHandle WORDS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The UTF-8 text of {@code b[off, off+len)}. */
    public String get(byte[] b, int off, int len) {
        if (len > MAX_LENGTH) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        int slot = hash(b, off, len) & mask & ~1;
        if (matches(keys[slot], b, off, len)) {
            return values[slot];
        }
        int other = slot + 1;
        if (matches(keys[other], b, off, len)) {
            return values[other];
        }
        // The set's newest text is in its first slot and moves to the second, so two recurring texts of one set
        // both stay (direct-mapped, an account id and an interface id that met in a slot took turns, a new
        // String each time).
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        keys[other] = keys[slot];
        values[other] = values[slot];
        keys[slot] = Arrays.copyOfRange(b, off, off + len);
        values[slot] = s;
        return s;
    }

    private static boolean matches(byte[] k, byte[] b, int off, int len) {
        return k != null && k.length == len && Arrays.equals(k, 0, len, b, off, off + len);
    }
}
