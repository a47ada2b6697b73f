package io.vpcflow.text;

/**
 * Paths in SQL text for an embedded DuckDB. A path is a string literal, never SQL; in a file pattern its own
 * characters match only themselves, so a folder named {@code out[1]} or {@code a*} reads its own files and not a
 * sibling's.
 */
public final class SqlText {
    private SqlText() {}

    /** A single-quoted SQL string literal holding exactly {@code s}. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * A string literal for DuckDB's file patterns: {@code folder} matched literally (each of {@code * ? [ {} put in
     * a bracket of its own), then {@code pattern} (ours, e.g. {@code /**}{@code /*.parquet}) as a pattern.
     */
    public static String globLiteral(String folder, String pattern) {
        StringBuilder b = new StringBuilder(folder.length() + 8);
        for (int i = 0; i < folder.length(); i++) {
            char c = folder.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                b.append('[').append(c).append(']');
            } else {
                b.append(c);
            }
        }
        return literal(b + pattern);
    }
}
