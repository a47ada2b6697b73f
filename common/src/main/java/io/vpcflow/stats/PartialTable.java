package io.vpcflow.stats;

import java.util.function.Consumer;

/**
 * The partials of one window by their dimensions, in open addressing: every key's values in one flat array, the
 * hashes in another. Finding a record's partial reads the three arrays at one index, where a {@code HashMap} had
 * a chain of dependent reads (bucket, node, key object, key array) and made a key object per partial. A record is
 * looked up as it is, through a {@link Key} that compares its fields with the stored texts: nothing is copied or
 * stored per record, only when a partial starts.
 *
 * @param <P> the partials
 */
final class PartialTable<P> {
    /** How a probe (a record) compares with, and becomes, the texts a partial is kept under. */
    interface Key<R> {
        /** Whether {@code keys[base, base + dimensions)} are the probe's texts (equal, not only the same objects). */
        boolean matches(R probe, Object[] keys, int base);

        /** Writes the probe's texts into {@code keys[base, base + dimensions)}. */
        void copy(R probe, Object[] keys, int base);
    }

    private final int dimensions;
    private int[] hashes;
    private Object[] keys;
    private Object[] partials;
    private int shift;
    private int size;

    PartialTable(int dimensions) {
        this.dimensions = dimensions;
        resize(64);
    }

    private void resize(int capacity) {
        hashes = new int[capacity];
        keys = new Object[capacity * dimensions];
        partials = new Object[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The partial kept under the probe's texts, or null; {@code h} is the probe's hash. */
    @SuppressWarnings("unchecked")
    <R> P get(R probe, int h, Key<R> key) {
        int mask = partials.length - 1;
        for (int i = slot(h); ; i = (i + 1) & mask) {
            Object p = partials[i];
            if (p == null) {
                return null;
            }
            if (hashes[i] == h && key.matches(probe, keys, i * dimensions)) {
                return (P) p;
            }
        }
    }

    /** Keeps {@code partial} under the probe's texts, which no partial has yet. */
    <R> void put(R probe, int h, Key<R> key, P partial) {
        if ((size + 1) * 2 > partials.length) {
            grow();
        }
        key.copy(probe, keys, insert(h, partial) * dimensions);
        size++;
    }

    /** Places a partial in the first free slot from its hash's; its texts go at the index returned. */
    private int insert(int h, Object partial) {
        int mask = partials.length - 1;
        int i = slot(h);
        while (partials[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        partials[i] = partial;
        return i;
    }

    private void grow() {
        int[] oldHashes = hashes;
        Object[] oldKeys = keys;
        Object[] oldPartials = partials;
        resize(oldPartials.length * 2);
        for (int i = 0; i < oldPartials.length; i++) {
            if (oldPartials[i] != null) {
                System.arraycopy(
                        oldKeys, i * dimensions, keys, insert(oldHashes[i], oldPartials[i]) * dimensions, dimensions);
            }
        }
    }

    /** Fibonacci hashing: the top bits of the hash times 2^32/phi, so that similar hashes spread. */
    private int slot(int h) {
        return (h * 0x9E3779B9) >>> shift;
    }

    int size() {
        return size;
    }

    /** Each partial once, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<P> action) {
        for (Object p : partials) {
            if (p != null) {
                action.accept((P) p);
            }
        }
    }
}
