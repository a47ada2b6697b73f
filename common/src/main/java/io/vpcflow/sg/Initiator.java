package io.vpcflow.sg;

/** Which side opened the connection: the capturing interface (local), the other side (remote), or not known. Written to tables by {@link #code()}. */
public enum Initiator {
    LOCAL, REMOTE, UNKNOWN;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output. */
    public String code() {
        return code;
    }
}
