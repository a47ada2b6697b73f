package io.vpcflow.verdict;

import io.vpcflow.text.Coded;

/** What the security groups meant, compared with what AWS did. Written to tables by {@link #code()}. */
public enum Verdict implements Coded {
    ALLOWED,
    BLOCKED,
    UNEXPECTED_ACCEPT,
    UNEXPECTED_REJECT,
    NOT_EVALUATED;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    @Override
    public String code() {
        return code;
    }
}
