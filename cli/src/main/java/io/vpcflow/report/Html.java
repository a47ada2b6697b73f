package io.vpcflow.report;

import io.vpcflow.text.ControlCharacters;

/** Text from other people's accounts made safe inside HTML and SVG. */
public final class Html {
    private Html() {}

    /** Escapes text for HTML and XML: the five special characters, and control characters dropped. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (ControlCharacters.isBidiControl(c)) {
                        // Shown, not obeyed: an override would make "exe.txt" read "txt.exe".
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }
}
