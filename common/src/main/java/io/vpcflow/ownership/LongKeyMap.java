package io.vpcflow.ownership;

/** A map from long keys (IPv4 addresses) to values without boxing the key on lookup. Open addressing. */
final class LongKeyMap<V> {
    private long[] keys;
    private Object[] values;
    private boolean[] used;
    private int size;

    LongKeyMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        used = new boolean[capacity];
    }

    void put(long key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = slot(key) & mask;
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        int slot = slot(key) & mask;
        while (used[slot]) {
            if (keys[slot] == key) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] k = keys;
        Object[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new Object[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], (V) v[i]);
            }
        }
    }

    private static int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
