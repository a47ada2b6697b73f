package io.vpcflow.flowlog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream of concatenated JSON values (CloudWatch Logs envelopes, as Firehose writes them) into one value at
 * a time without parsing them, and keeps at most a fixed number of bytes of any value: a payload that never closes,
 * or inflates to gigabytes, costs a bounded buffer and one pass, not the heap.
 *
 * <p>Anything at the top level that is not an object or array is cut at the next newline or {@code {}, so junk
 * between envelopes is one bad value and the envelopes after it still read.
 */
final class JsonValueScanner {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int lim;
    private byte[] value = new byte[8 * 1024];
    private int length;
    private long total;

    JsonValueScanner(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Moves to the next value; an unclosed value at the end of the stream is handed out as it is.
     *
     * @return false at the end of the stream
     */
    boolean next() throws IOException {
        length = 0;
        total = 0;
        boolean started = false;
        boolean junk = false;
        boolean inString = false;
        boolean escape = false;
        int depth = 0;
        while (true) {
            if (pos == lim) {
                int n = in.read(chunk, 0, chunk.length);
                if (n <= 0) {
                    return started;
                }
                pos = 0;
                lim = n;
            }
            byte c = chunk[pos];
            if (!started) {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    pos++;
                    continue;
                }
                started = true;
                junk = c != '{' && c != '[';
            }
            if (junk) {
                if (c == '\n' || c == '{') {
                    return true;
                }
                keep(c);
                pos++;
                continue;
            }
            keep(c);
            pos++;
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return true;
            }
        }
    }

    /** The bytes kept of the current value: all of it, unless {@link #tooLarge()}. */
    byte[] bytes() {
        return value;
    }

    int length() {
        return length;
    }

    /** The current value had more bytes than the limit; only the first ones were kept. */
    boolean tooLarge() {
        return total > maxBytes;
    }

    /** How many bytes the current value really had. */
    long size() {
        return total;
    }

    private void keep(byte c) {
        total++;
        if (length < maxBytes) {
            if (length == value.length) {
                value = Arrays.copyOf(value, Math.min(maxBytes, value.length * 2));
            }
            value[length++] = c;
        }
    }
}
