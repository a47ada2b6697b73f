package io.vpcflow.text;

/** A value the row carries as an enum and every table writes as one fixed text. */
public interface Coded {
    /** The text tables and output use, e.g. {@code unexpected_accept}. */
    String code();

    /** The code of {@code value}, or null. */
    static String codeOf(Coded value) {
        return value == null ? null : value.code();
    }
}
