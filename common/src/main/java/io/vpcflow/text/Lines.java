package io.vpcflow.text;

/** Small text helpers for messages shown to users. */
public final class Lines {
    private Lines() {}

    /** The first line of a (possibly multi-line) message; empty for null. */
    public static String first(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
