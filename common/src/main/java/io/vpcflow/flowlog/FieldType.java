package io.vpcflow.flowlog;

/** How the text of a flow-log field is read. Every type also accepts {@code -}, meaning "no value". */
public enum FieldType {
    /** Free text kept as written (ids, names, tags). */
    STRING,
    /** A non-negative 32-bit integer (ports, protocol, flags). */
    INT,
    /** A non-negative 64-bit integer (packets, bytes, Unix seconds). */
    LONG,
    /** An IPv4 or IPv6 address. */
    ADDRESS,
    /** {@code ACCEPT} or {@code REJECT}. */
    ACTION,
    /** {@code OK}, {@code NODATA} or {@code SKIPDATA}. */
    LOG_STATUS
}
