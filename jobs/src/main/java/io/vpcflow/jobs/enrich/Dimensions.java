package io.vpcflow.jobs.enrich;

import java.util.Arrays;

/**
 * The texts a partial sum is kept under (its table's dimensions). One instance is set in place for each
 * record to look its partial up, and copied only when a new partial starts: no key object per record.
 */
final class Dimensions {
    private final String[] values;
    private int hash;

    Dimensions(int size) {
        values = new String[size];
    }

    private Dimensions(String[] values, int hash) {
        this.values = values;
        this.hash = hash;
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

    /** A copy to keep as a map key while this one is set again. */
    Dimensions copy() {
        return new Dimensions(values.clone(), hash);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dimensions d) || d.hash != hash) {
            return false;
        }
        // The same String objects in the common case (texts are shared through caches), so == decides first.
        String[] other = d.values;
        for (int i = 0; i < values.length; i++) {
            String a = values[i];
            String b = other[i];
            if (a != b && (a == null || !a.equals(b))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
