package io.vpcflow.text;

/** Characters in untrusted text that act instead of showing: every writer of text for people escapes them. */
public final class ControlCharacters {
    private ControlCharacters() {}

    /** C0 and C1 controls (escape sequences start with one) and DEL. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** A character that changes the direction of the text around it: it can make "exe.txt" read "txt.exe". */
    public static boolean isBidiControl(char c) {
        return (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C;
    }
}
