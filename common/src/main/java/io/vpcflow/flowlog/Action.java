package io.vpcflow.flowlog;

/** What AWS did with the traffic of a record. */
public enum Action {
    ACCEPT,
    REJECT
}
