package io.vpcflow.flowlog;

import io.vpcflow.text.Coded;

/** What AWS did with the traffic of a record. */
public enum Action implements Coded {
    ACCEPT,
    REJECT;

    /** As AWS writes it, e.g. {@code ACCEPT}. */
    @Override
    public String code() {
        return name();
    }
}
