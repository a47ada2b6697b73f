package io.vpcflow.net;

/** Allocation-free parsing and formatting of IP address text, for the hot path of the flow-log parser. */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Parses {@code b[off, off+len)} as an IPv4 or IPv6 address. On success stores the high word in
     * {@code out[0]} and the low word in {@code out[1]} and returns {@link IpAddress#V4} or
     * {@link IpAddress#V6}; returns 0 (and leaves {@code out} unspecified) when the text is not an address.
     */
    public static int parse(byte[] b, int off, int len, long[] out) {
        if (len < 2 || len > 45) {
            return 0;
        }
        int end = off + len;
        long v4 = parseV4(b, off, end);
        if (v4 >= 0) {
            out[0] = 0;
            out[1] = v4;
            return IpAddress.V4;
        }
        return parseV6(b, off, end, out) ? IpAddress.V6 : 0;
    }

    /** The 32 bits of a dotted quad, or -1. */
    static long parseV4(byte[] b, int off, int end) {
        long value = 0;
        int parts = 0;
        int i = off;
        while (true) {
            int digits = 0;
            int part = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 4) {
                part = part * 10 + (b[i] - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || part > 255) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i == end) {
                return parts == 4 ? value : -1;
            }
            if (b[i] != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
    }

    private static boolean parseV6(byte[] b, int off, int end, long[] out) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = off;
        if (b[i] == ':') {
            if (i + 1 >= end || b[i + 1] != ':') {
                return false;
            }
            gap = 0;
            i += 2;
        }
        while (i < end) {
            int start = i;
            int value = 0;
            while (i < end && i - start < 5) {
                int d = hex(b[i]);
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                i++;
            }
            if (i < end && b[i] == '.') {
                // Embedded IPv4 in the last 32 bits, e.g. ::ffff:192.0.2.1
                if (n > 6) {
                    return false;
                }
                long v4 = parseV4(b, start, end);
                if (v4 < 0) {
                    return false;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xFFFF);
                i = end;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || n == 8) {
                return false;
            }
            groups[n++] = value;
            if (i == end) {
                break;
            }
            if (b[i] != ':') {
                return false;
            }
            i++;
            if (i < end && b[i] == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                i++;
            } else if (i == end) {
                return false; // a single trailing colon
            }
        }
        if (gap < 0 ? n != 8 : n > 7) {
            return false;
        }
        long high = 0;
        long low = 0;
        int zeros = 8 - n;
        int g = 0;
        for (int k = 0; k < 8; k++) {
            int v;
            if (gap >= 0 && k >= gap && k < gap + zeros) {
                v = 0;
            } else {
                v = groups[g++];
            }
            if (k < 4) {
                high = (high << 16) | v;
            } else {
                low = (low << 16) | v;
            }
        }
        out[0] = high;
        out[1] = low;
        return true;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Appends the canonical text of an address: dotted quad, or RFC 5952 for IPv6. */
    public static void format(int family, long high, long low, StringBuilder sb) {
        if (family == IpAddress.V4) {
            sb.append((low >>> 24) & 0xFF)
                    .append('.')
                    .append((low >>> 16) & 0xFF)
                    .append('.')
                    .append((low >>> 8) & 0xFF)
                    .append('.')
                    .append(low & 0xFF);
            return;
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((high >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((low >>> (48 - 16 * k)) & 0xFFFF);
        }
        // RFC 5952: the longest run of two or more zero groups (the first on a tie) becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int s = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - s > bestLen) {
                bestStart = s;
                bestLen = k - s;
            }
        }
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (k > 0 && k != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
    }
}
