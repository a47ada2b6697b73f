package io.vpcflow.stats;

import java.util.Arrays;

/** A probe of any number of texts, set in place, for testing a {@link PartialTable} apart from the sums. */
final class Dimensions {
    /** Compares and copies a probe's texts one by one. */
    static final PartialTable.Key<Dimensions> KEY = new PartialTable.Key<>() {
        @Override
        public boolean matches(Dimensions probe, Object[] keys, int base) {
            for (int k = 0; k < probe.values.length; k++) {
                if (!PartialSums.same(probe.values[k], keys[base + k])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void copy(Dimensions probe, Object[] keys, int base) {
            System.arraycopy(probe.values, 0, keys, base, probe.values.length);
        }
    };

    final String[] values;
    int hash;

    Dimensions(int size) {
        values = new String[size];
    }

    /** Sets the {@code i}-th dimension; call {@link #hashed()} after the last one. */
    Dimensions set(int i, String value) {
        values[i] = value;
        return this;
    }

    /** Computes the hash of the values just set. */
    Dimensions hashed() {
        int h = 1;
        for (String v : values) {
            h = 31 * h + (v == null ? 0 : v.hashCode());
        }
        hash = h;
        return this;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
