package io.vpcflow.verdict;

import io.vpcflow.text.Coded;

/** Why an unexpected verdict happened. Written to tables by {@link #code()}. */
public enum VerdictReason implements Coded {
    RESPONSE_TRAFFIC,
    NACL_DENY,
    RULE_CHANGED,
    LATE_PACKET,
    UNTRACKED_FLOW,
    STALE_INVENTORY,
    UNKNOWN;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    @Override
    public String code() {
        return code;
    }
}
