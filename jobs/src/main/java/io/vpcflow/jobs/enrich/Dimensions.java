package io.vpcflow.jobs.enrich;

import java.util.Arrays;

/**
 * The texts a partial sum is kept under (its table's dimensions). One instance is set in place for each
 * record to look its partial up in a {@link PartialTable}, which copies the texts only when a new partial
 * starts: no key object per record.
 */
final class Dimensions {
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
