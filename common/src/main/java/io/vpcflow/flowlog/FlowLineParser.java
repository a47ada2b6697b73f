package io.vpcflow.flowlog;

import io.vpcflow.net.IpAddress;
import io.vpcflow.net.IpAddresses;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parses record lines of one format into a {@link MutableFlowRecord}, byte by byte, allocating nothing.
 *
 * <p>Not thread-safe (it keeps a scratch buffer); create one per reader.
 */
public final class FlowLineParser {
    static final byte T_STRING = 0;
    static final byte T_INT = 1;
    static final byte T_LONG = 2;
    static final byte T_ADDRESS = 3;
    static final byte T_ACTION = 4;
    static final byte T_LOG_STATUS = 5;
    static final byte T_EXTRA = 6;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final FlowLogFormat format;
    private final int size;
    private final byte[] types;
    private final int[] slots;
    private final int extras;
    private final long[] address = new long[2];
    private final boolean defaultLayout;

    public FlowLineParser(FlowLogFormat format) {
        this.format = format;
        this.size = format.size();
        this.types = new byte[size];
        this.slots = new int[size];
        this.extras = format.extraNames().size();
        this.defaultLayout = format.equals(FlowLogFormat.DEFAULT);
        for (int i = 0; i < size; i++) {
            FlowField f = format.field(i);
            if (f == null) {
                types[i] = T_EXTRA;
                slots[i] = format.extraIndex(i);
                continue;
            }
            slots[i] = f.ordinal();
            types[i] = switch (f.type()) {
                case STRING -> T_STRING;
                case INT -> T_INT;
                case LONG -> T_LONG;
                case ADDRESS -> T_ADDRESS;
                case ACTION -> T_ACTION;
                case LOG_STATUS -> T_LOG_STATUS;
            };
        }
    }

    public FlowLogFormat format() {
        return format;
    }

    /**
     * Parses {@code b[off, off+len)} (no line terminator) into {@code r}.
     *
     * @return null when the line is a record, else why it is not; {@link #describeFailure} then says where
     */
    public DeadLetterReason parse(byte[] b, int off, int len, MutableFlowRecord r) {
        if (defaultLayout && parseDefault(b, off, len, r)) {
            return null;
        }
        return parseAny(b, off, len, r);
    }

    /** Any layout, field by field as the format names them; every failure ends here. Tests compare the two paths. */
    DeadLetterReason parseAny(byte[] b, int off, int len, MutableFlowRecord r) {
        r.reset(format, b, off, len, extras);
        final int end = off + len;
        int p = off;
        for (int i = 0; i < size; i++) {
            p = skipSeparators(b, p, end);
            if (p >= end) {
                r.failedPosition = i;
                return DeadLetterReason.WRONG_FIELD_COUNT;
            }
            final int s = p;
            final int slot = slots[i];
            final byte type = types[i];
            if (type == T_INT || type == T_LONG) {
                int e = number(b, p, end, r, slot, type == T_INT ? Integer.MAX_VALUE : Long.MAX_VALUE);
                if (e >= 0) {
                    p = e;
                    r.markPresent(slot);
                    continue;
                }
            } else if (type == T_ADDRESS) {
                int e = dottedQuad(b, p, end, r, slot);
                if (e >= 0) {
                    p = e;
                    r.markPresent(slot);
                    continue;
                }
            }
            p = tokenEnd(b, p, end);
            if (p < end && b[p] != ' ' && b[p] != '\t') {
                return fail(b, off, end, i, DeadLetterReason.BINARY, r);
            }
            final int tl = p - s;
            if (tl == 1 && b[s] == '-') {
                continue;
            }
            if (type == T_EXTRA) {
                r.extraOff[slot] = s;
                r.extraLen[slot] = tl;
                continue;
            }
            DeadLetterReason bad = value(type, slot, b, s, tl, r);
            if (bad != null) {
                return fail(b, off, end, i, bad, r);
            }
        }
        if (skipSeparators(b, p, end) < end) {
            r.failedPosition = size;
            return DeadLetterReason.WRONG_FIELD_COUNT;
        }
        return null;
    }

    /**
     * Reads the value {@code b[s, s+tl)} (not '-', no separators) of the known field in {@code slot}, of type
     * {@code type}, into {@code r} and marks it present; or says why it is not a value of that field.
     */
    DeadLetterReason value(byte type, int slot, byte[] b, int s, int tl, MutableFlowRecord r) {
        switch (type) {
            case T_INT, T_LONG -> {
                long v = parseNumber(b, s, tl);
                if (v < 0 || (type == T_INT && v > Integer.MAX_VALUE)) {
                    return DeadLetterReason.BAD_NUMBER;
                }
                r.num[slot] = v;
            }
            case T_ADDRESS -> {
                int fam = IpAddresses.parse(b, s, tl, address);
                if (fam == 0) {
                    return DeadLetterReason.BAD_ADDRESS;
                }
                r.family[slot] = (byte) fam;
                r.num[slot] = address[0];
                r.low[slot] = address[1];
            }
            case T_ACTION -> {
                int a = action(b, s, tl);
                if (a < 0) {
                    return DeadLetterReason.BAD_VALUE;
                }
                r.num[slot] = a;
            }
            case T_LOG_STATUS -> {
                int st = logStatus(b, s, tl);
                if (st < 0) {
                    return DeadLetterReason.BAD_VALUE;
                }
                r.num[slot] = st;
            }
            default -> {
                // T_STRING: kept as a slice
            }
        }
        r.off[slot] = s;
        r.len[slot] = tl;
        r.markPresent(slot);
        return null;
    }

    /** The value type of field {@code i} of the format, as {@link #value} takes it; {@link #T_EXTRA} for unknown. */
    byte type(int i) {
        return types[i];
    }

    /** The record slot of field {@code i}: the field's ordinal, or the index among the unknown fields. */
    int slot(int i) {
        return slots[i];
    }

    /**
     * The default (version 2) layout, most logs' and the one bench runs on, as straight-line code: no type
     * dispatch or slot lookup per field. False for anything but a plain record (an absent '-' field, a bad
     * value, a wrong field count, IPv6), which {@link #parseAny} then parses again and judges.
     */
    private boolean parseDefault(byte[] b, int off, int len, MutableFlowRecord r) {
        r.reset(format, b, off, len, extras);
        final int end = off + len;
        int p;
        if ((p = number(b, off, end, r, V_VERSION, Integer.MAX_VALUE)) < 0
                || (p = text(b, skipSeparators(b, p, end), end, r, V_ACCOUNT_ID)) < 0
                || (p = text(b, skipSeparators(b, p, end), end, r, V_INTERFACE_ID)) < 0
                || (p = dottedQuad(b, skipSeparators(b, p, end), end, r, V_SRCADDR)) < 0
                || (p = dottedQuad(b, skipSeparators(b, p, end), end, r, V_DSTADDR)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_SRCPORT, Integer.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_DSTPORT, Integer.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_PROTOCOL, Integer.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_PACKETS, Long.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_BYTES, Long.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_START, Long.MAX_VALUE)) < 0
                || (p = number(b, skipSeparators(b, p, end), end, r, V_END, Long.MAX_VALUE)) < 0) {
            return false;
        }
        int s = skipSeparators(b, p, end);
        int e = tokenEnd(b, s, end);
        int a = action(b, s, e - s);
        if (a < 0) {
            return false;
        }
        r.num[V_ACTION] = a;
        r.off[V_ACTION] = s;
        r.len[V_ACTION] = e - s;
        s = skipSeparators(b, e, end);
        e = tokenEnd(b, s, end);
        int st = logStatus(b, s, e - s);
        if (st < 0 || skipSeparators(b, e, end) != end) {
            return false;
        }
        r.num[V_LOG_STATUS] = st;
        r.off[V_LOG_STATUS] = s;
        r.len[V_LOG_STATUS] = e - s;
        r.present0 |= DEFAULT_PRESENT;
        return true;
    }

    private static final int V_VERSION = FlowField.VERSION.ordinal();
    private static final int V_ACCOUNT_ID = FlowField.ACCOUNT_ID.ordinal();
    private static final int V_INTERFACE_ID = FlowField.INTERFACE_ID.ordinal();
    private static final int V_SRCADDR = FlowField.SRCADDR.ordinal();
    private static final int V_DSTADDR = FlowField.DSTADDR.ordinal();
    private static final int V_SRCPORT = FlowField.SRCPORT.ordinal();
    private static final int V_DSTPORT = FlowField.DSTPORT.ordinal();
    private static final int V_PROTOCOL = FlowField.PROTOCOL.ordinal();
    private static final int V_PACKETS = FlowField.PACKETS.ordinal();
    private static final int V_BYTES = FlowField.BYTES.ordinal();
    private static final int V_START = FlowField.START.ordinal();
    private static final int V_END = FlowField.END.ordinal();
    private static final int V_ACTION = FlowField.ACTION.ordinal();
    private static final int V_LOG_STATUS = FlowField.LOG_STATUS.ordinal();
    /** The presence bits of the fourteen default fields (ordinals 0 to 13, all below 64). */
    private static final long DEFAULT_PRESENT = (1L << 14) - 1;

    private static int skipSeparators(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /**
     * A text field at {@code p}, kept as a slice; the position after it, or -1 when it is absent ('-'), missing,
     * or runs into a control character.
     */
    private static int text(byte[] b, int p, int end, MutableFlowRecord r, int slot) {
        int e = tokenEnd(b, p, end);
        if (e == p || e == end || (e - p == 1 && b[p] == '-') || (b[e] != ' ' && b[e] != '\t')) {
            return -1;
        }
        r.off[slot] = p;
        r.len[slot] = e - p;
        return e;
    }

    /**
     * A plain decimal of 1 to 18 digits at most {@code max} at {@code p}, ending the line or followed by a
     * separator, read as it is scanned (eight digits at a time where the line has eight bytes left); the position
     * after it, or -1 for anything else ('-', 19 digits, a sign, a letter), left to the general path. Does not mark
     * the field present.
     */
    private static int number(byte[] b, int p, int end, MutableFlowRecord r, int slot, long max) {
        final int s = p;
        long v = 0;
        while (p + 8 <= end) {
            long x = (long) LONGS.get(b, p);
            int n = leadingDigits(x);
            if (n == 0) {
                break;
            }
            v = v * POWERS_OF_TEN[n] + digitsValue(x, n);
            p += n;
            if (n < 8) {
                break;
            }
        }
        int d;
        while (p < end && (d = b[p] - '0') >= 0 && d <= 9) {
            v = v * 10 + d;
            p++;
        }
        int digits = p - s;
        if (digits == 0 || digits > 18 || v > max || (p < end && b[p] != ' ' && b[p] != '\t')) {
            return -1;
        }
        r.num[slot] = v;
        r.off[slot] = s;
        r.len[slot] = digits;
        return p;
    }

    /**
     * A dotted quad at {@code p}, read in one pass, ending the line or followed by a separator; the position after
     * it, or -1 for anything else (IPv6, '-', bad text), left to the general path. Does not mark the field present.
     */
    private static int dottedQuad(byte[] b, int p, int end, MutableFlowRecord r, int slot) {
        final int s = p;
        long v = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        while (p < end) {
            int c = b[p];
            int d = c - '0';
            if (d >= 0 && d <= 9) {
                part = part * 10 + d;
                digits++;
            } else if (c == '.' && digits > 0 && digits <= 3 && part <= 255 && dots < 3) {
                v = (v << 8) | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                break;
            }
            p++;
        }
        if (dots != 3 || digits == 0 || digits > 3 || part > 255 || (p < end && b[p] != ' ' && b[p] != '\t')) {
            return -1;
        }
        r.family[slot] = IpAddress.V4;
        r.num[slot] = 0;
        r.low[slot] = (v << 8) | part;
        r.off[slot] = s;
        r.len[slot] = p - s;
        return p;
    }

    /**
     * Records where a value failed, but names a wrong field count first when the line has one: that
     * says more about a foreign line than its first unreadable value. Only runs for bad lines.
     */
    private DeadLetterReason fail(
            byte[] b, int off, int end, int position, DeadLetterReason reason, MutableFlowRecord r) {
        int tokens = 0;
        boolean inToken = false;
        for (int p = off; p < end; p++) {
            boolean sep = b[p] == ' ' || b[p] == '\t';
            if (!sep && !inToken) {
                tokens++;
            }
            inToken = !sep;
        }
        if (tokens != size && reason != DeadLetterReason.BINARY) {
            r.failedPosition = Math.min(tokens, size);
            return DeadLetterReason.WRONG_FIELD_COUNT;
        }
        r.failedPosition = position;
        return reason;
    }

    /** A sentence on where the last failed parse of {@code r} went wrong, for dead letters. */
    public String describeFailure(DeadLetterReason reason, MutableFlowRecord r) {
        int i = r.failedPosition;
        return switch (reason) {
            case WRONG_FIELD_COUNT ->
                i >= size
                        ? "more than the " + size + " fields the format names"
                        : "only " + i + " of the " + size + " fields the format names";
            case BAD_NUMBER, BAD_ADDRESS, BAD_VALUE, BINARY ->
                "field " + (i + 1) + " (" + format.names().get(i) + "): "
                        + switch (reason) {
                            case BAD_NUMBER -> "not a non-negative number of its size";
                            case BAD_ADDRESS -> "not an IPv4 or IPv6 address";
                            case BAD_VALUE -> "not a value AWS writes";
                            default -> "control characters";
                        };
            default -> reason.code();
        };
    }

    /**
     * The end of the token starting at {@code p}: the first byte at or below space. UTF-8 bytes
     * (negative as Java bytes) count as text. Eight bytes at a time: in {@code (x - 0x21..) & ~x & 0x80..}
     * the lowest set bit marks the first byte below 0x21 (borrows only run upwards from such a byte).
     */
    static int tokenEnd(byte[] b, int p, int end) {
        while (p + 8 <= end) {
            long x = (long) LONGS.get(b, p);
            long t = (x - 0x2121_2121_2121_2121L) & ~x & 0x8080_8080_8080_8080L;
            if (t != 0) {
                return p + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            p += 8;
        }
        byte c;
        while (p < end && ((c = b[p]) > 0x20 || c < 0)) {
            p++;
        }
        return p;
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;

    /**
     * How many of the eight bytes of {@code x} (little-endian: the first byte lowest) are ASCII digits before the
     * first byte that is not. A digit's high nibble is 3 both as it is and plus 6; a carry out of a byte only
     * disturbs bytes after a non-digit, which do not count.
     */
    static int leadingDigits(long x) {
        long m = ((x & HIGH_NIBBLES) ^ ZEROS) | (((x + 0x0606_0606_0606_0606L) & HIGH_NIBBLES) ^ ZEROS);
        // Bit 7 of each byte: set when the byte of m is not zero, with no carry between bytes.
        long nonZero = (((m & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | m) & 0x8080_8080_8080_8080L;
        return Long.numberOfTrailingZeros(nonZero) >>> 3;
    }

    /**
     * The value of the first {@code n} (1 to 8) bytes of {@code x}, all digits: moved to the top of the word
     * behind zero digits, then combined pairwise with three multiplications (D. Lemire's method).
     */
    static long digitsValue(long x, int n) {
        long v = (x - ZEROS) << (8 * (8 - n));
        v = v * 10 + (v >>> 8);
        return (((v & 0x0000_00FF_0000_00FFL) * 0x000F_4240_0000_0064L)
                        + (((v >>> 16) & 0x0000_00FF_0000_00FFL) * 0x0000_2710_0000_0001L))
                >>> 32;
    }

    /** A non-negative decimal of at most 18 digits (enough for any 64-bit count AWS writes), or -1. */
    static long parseNumber(byte[] b, int s, int len) {
        if (len > 18) {
            return len == 19 ? parseLongNumber(b, s, len) : -1;
        }
        long v = 0;
        for (int k = s, e = s + len; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static long parseLongNumber(byte[] b, int s, int len) {
        long v = 0;
        for (int k = s, e = s + len; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    static int action(byte[] b, int s, int len) {
        if (len == 6) {
            if (b[s] == 'A'
                    && b[s + 1] == 'C'
                    && b[s + 2] == 'C'
                    && b[s + 3] == 'E'
                    && b[s + 4] == 'P'
                    && b[s + 5] == 'T') {
                return Action.ACCEPT.ordinal();
            }
            if (b[s] == 'R'
                    && b[s + 1] == 'E'
                    && b[s + 2] == 'J'
                    && b[s + 3] == 'E'
                    && b[s + 4] == 'C'
                    && b[s + 5] == 'T') {
                return Action.REJECT.ordinal();
            }
        }
        return -1;
    }

    static int logStatus(byte[] b, int s, int len) {
        if (len == 2 && b[s] == 'O' && b[s + 1] == 'K') {
            return LogStatus.OK.ordinal();
        }
        if (len == 6 && matches(b, s, "NODATA")) {
            return LogStatus.NODATA.ordinal();
        }
        if (len == 8 && matches(b, s, "SKIPDATA")) {
            return LogStatus.SKIPDATA.ordinal();
        }
        return -1;
    }

    private static boolean matches(byte[] b, int s, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (b[s + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
