package io.vpcflow.sg;

/** Which way traffic crossed the capturing interface. Written to tables by {@link #code()}. */
public enum Direction {
    INGRESS, EGRESS;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    public String code() {
        return code;
    }
}
