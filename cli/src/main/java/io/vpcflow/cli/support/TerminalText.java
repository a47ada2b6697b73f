package io.vpcflow.cli.support;

/**
 * Makes text from other people's accounts (log lines, object keys, descriptions, tags) safe to print on
 * a terminal: control characters, which could move the cursor or rewrite the screen, and bidirectional
 * overrides, which could disguise text, are shown as escapes instead.
 */
public final class TerminalText {
    private TerminalText() {}

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(
                        switch (c) {
                            case '\n' -> "\\n";
                            case '\r' -> "\\r";
                            case '\t' -> "\\t";
                            default -> String.format("\\u%04x", (int) c);
                        });
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** {@link #safe} and cut to at most {@code max} characters, marking the cut. */
    public static String safe(String text, int max) {
        String s = safe(text);
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C;
    }
}
