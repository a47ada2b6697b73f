package io.vpcflow.verdict;

import io.vpcflow.text.Coded;

/** Which way traffic crossed the capturing interface. Written to tables by {@link #code()}. */
public enum Direction implements Coded {
    INGRESS,
    EGRESS;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    @Override
    public String code() {
        return code;
    }
}
