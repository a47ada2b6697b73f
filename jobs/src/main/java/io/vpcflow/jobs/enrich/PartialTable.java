package io.vpcflow.jobs.enrich;

import java.util.function.Consumer;

/**
 * The partials of one window by their dimensions, in open addressing: every key's texts in one flat array, the
 * hashes in another. Finding a record's partial reads the three arrays at one index, where a {@code HashMap} had
 * a chain of dependent reads (bucket, node, key object, key array) and made a key object per partial.
 *
 * @param <P> the partials
 */
final class PartialTable<P> {
    private final int dimensions;
    private int[] hashes;
    private String[] keys;
    private Object[] partials;
    private int shift;
    private int size;

    PartialTable(int dimensions) {
        this.dimensions = dimensions;
        resize(64);
    }

    private void resize(int capacity) {
        hashes = new int[capacity];
        keys = new String[capacity * dimensions];
        partials = new Object[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The partial kept under the probe's texts, or null. */
    @SuppressWarnings("unchecked")
    P get(Dimensions probe) {
        int h = probe.hash;
        String[] v = probe.values;
        int mask = partials.length - 1;
        for (int i = slot(h); ; i = (i + 1) & mask) {
            Object p = partials[i];
            if (p == null) {
                return null;
            }
            if (hashes[i] == h && sameKey(i * dimensions, v)) {
                return (P) p;
            }
        }
    }

    private boolean sameKey(int base, String[] v) {
        for (int k = 0; k < v.length; k++) {
            String a = v[k];
            String b = keys[base + k];
            // The same String objects in the common case (texts are shared through caches), so == decides first.
            if (a != b && (a == null || !a.equals(b))) {
                return false;
            }
        }
        return true;
    }

    /** Keeps {@code partial} under the probe's texts, which no partial has yet. */
    void put(Dimensions probe, P partial) {
        if ((size + 1) * 2 > partials.length) {
            grow();
        }
        insert(probe.hash, probe.values, 0, partial);
        size++;
    }

    private void insert(int h, String[] from, int fromBase, Object partial) {
        int mask = partials.length - 1;
        int i = slot(h);
        while (partials[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        partials[i] = partial;
        System.arraycopy(from, fromBase, keys, i * dimensions, dimensions);
    }

    private void grow() {
        int[] oldHashes = hashes;
        String[] oldKeys = keys;
        Object[] oldPartials = partials;
        resize(oldPartials.length * 2);
        for (int i = 0; i < oldPartials.length; i++) {
            if (oldPartials[i] != null) {
                insert(oldHashes[i], oldKeys, i * dimensions, oldPartials[i]);
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
