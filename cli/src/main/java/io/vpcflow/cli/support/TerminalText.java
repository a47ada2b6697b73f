package io.vpcflow.cli.support;

import io.vpcflow.text.ControlCharacters;

/**
 * Makes text from other people's accounts (log lines, object keys, descriptions, tags) safe to print on
 * a terminal: control characters, which could move the cursor or rewrite the screen, and bidirectional
 * overrides, which could disguise text, are shown as escapes instead.
 */
public final class TerminalText {
    private TerminalText() {}

    public static String safe(String text) {
        return escaped(text, false);
    }

    /**
     * As {@link #safe}, for a cell of a CSV file or table that may hold lines and tabs of its own: those stay, every
     * other control character and override is shown as an escape.
     */
    public static String safeInCells(String text) {
        return escaped(text, true);
    }

    private static String escaped(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c) && !(keepLines && (c == '\n' || c == '\r' || c == '\t'))) {
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
        return ControlCharacters.isControl(c) || ControlCharacters.isBidiControl(c);
    }
}
