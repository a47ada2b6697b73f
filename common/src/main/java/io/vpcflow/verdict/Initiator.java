package io.vpcflow.verdict;

import io.vpcflow.text.Coded;

/** Which side opened the connection: the capturing interface (local), the other side (remote), or not known. Written to tables by {@link #code()}. */
public enum Initiator implements Coded {
    LOCAL,
    REMOTE,
    UNKNOWN;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    @Override
    public String code() {
        return code;
    }
}
