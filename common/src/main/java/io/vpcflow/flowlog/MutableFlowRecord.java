package io.vpcflow.flowlog;

import io.vpcflow.net.AddressCache;
import io.vpcflow.net.IpAddress;
import io.vpcflow.text.TextCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One parsed record, reused from line to line so that parsing allocates nothing.
 *
 * <p>Numbers and addresses are decoded while parsing; text fields stay as slices of the line buffer
 * and become {@code String}s only when asked for. The content is valid until the next line is parsed
 * into it: call {@link #toRecord()} for an immutable copy.
 */
public final class MutableFlowRecord {
    private static final int N = FlowField.COUNT;
    private static final Action[] ACTIONS = Action.values();
    private static final LogStatus[] LOG_STATUSES = LogStatus.values();

    // Slot arrays indexed by FlowField.ordinal(). num holds INT/LONG values, the enum ordinal of
    // ACTION/LOG_STATUS, and the high word of addresses; low the low word of addresses.
    final long[] num = new long[N];
    final long[] low = new long[N];
    final byte[] family = new byte[N];
    final int[] off = new int[N];
    final int[] len = new int[N];
    long present0;
    long present1;

    private final AddressCache addresses = new AddressCache();

    int[] extraOff = new int[0];
    int[] extraLen = new int[0];

    byte[] buf;
    int lineOff;
    int lineLen;
    FlowLogFormat format;
    int failedPosition = -1;

    void reset(FlowLogFormat format, byte[] buf, int off, int len, int extras) {
        this.format = format;
        this.buf = buf;
        this.lineOff = off;
        this.lineLen = len;
        present0 = 0;
        present1 = 0;
        failedPosition = -1;
        if (extraOff.length < extras) {
            extraOff = new int[extras];
            extraLen = new int[extras];
        }
        Arrays.fill(extraLen, 0, extras, -1);
    }

    void markPresent(int ordinal) {
        if (ordinal < 64) {
            present0 |= 1L << ordinal;
        } else {
            present1 |= 1L << (ordinal - 64);
        }
    }

    /** The whole line this record was parsed from, as written. Allocates. */
    public String rawLine() {
        return new String(buf, lineOff, lineLen, StandardCharsets.UTF_8);
    }

    /** The format this record was parsed with. */
    public FlowLogFormat format() {
        return format;
    }

    /** True when the field was in the format and not {@code -}. */
    public boolean has(FlowField f) {
        int o = f.ordinal();
        return o < 64 ? (present0 & (1L << o)) != 0 : (present1 & (1L << (o - 64))) != 0;
    }

    /** The value of an INT or LONG field; 0 when absent (check {@link #has} where 0 is meaningful). */
    public long getLong(FlowField f) {
        return has(f) ? num[f.ordinal()] : 0;
    }

    public int getInt(FlowField f) {
        return (int) getLong(f);
    }

    /** The action, or null when absent ({@code NODATA}/{@code SKIPDATA} rows). */
    public Action action() {
        return has(FlowField.ACTION) ? ACTIONS[(int) num[FlowField.ACTION.ordinal()]] : null;
    }

    /** The log status, or null when the format does not include it. */
    public LogStatus logStatus() {
        return has(FlowField.LOG_STATUS) ? LOG_STATUSES[(int) num[FlowField.LOG_STATUS.ordinal()]] : null;
    }

    /** The address family (4 or 6) of an ADDRESS field, or 0 when absent. */
    public int addressFamily(FlowField f) {
        return has(f) ? family[f.ordinal()] : 0;
    }

    /** High word of an IPv6 address field (0 for IPv4). */
    public long addressHigh(FlowField f) {
        return num[f.ordinal()];
    }

    /** Low word of an address field: the 32 bits of an IPv4 address. */
    public long addressLow(FlowField f) {
        return low[f.ordinal()];
    }

    /**
     * An address field as a value, or null when absent. The IPv4 addresses of recent lines are kept, so an
     * estate's addresses, which recur on line after line, come back as the same (immutable) object.
     */
    public IpAddress getAddress(FlowField f) {
        if (!has(f)) {
            return null;
        }
        int o = f.ordinal();
        return addresses.of(family[o], num[o], low[o]);
    }

    /** The raw text of any present field, or null when absent. Allocates. */
    public String getString(FlowField f) {
        if (!has(f)) {
            return null;
        }
        return new String(buf, off[f.ordinal()], len[f.ordinal()], StandardCharsets.UTF_8);
    }

    /** As {@link #getString(FlowField)}, the same String as last time for text the cache still holds. */
    public String getString(FlowField f, TextCache cache) {
        return has(f) ? cache.get(buf, off[f.ordinal()], len[f.ordinal()]) : null;
    }

    /**
     * The canonical text of an ADDRESS field, or null when absent: an IPv4 address written canonically (no
     * leading zeros, as AWS writes them) straight from the line through the cache; anything else formatted.
     */
    public String getAddressText(FlowField f, TextCache cache) {
        if (!has(f)) {
            return null;
        }
        int i = f.ordinal();
        if (family[i] == IpAddress.V4 && noLeadingZeros(buf, off[i], off[i] + len[i])) {
            return cache.get(buf, off[i], len[i]);
        }
        return getAddress(f).toString();
    }

    private static boolean noLeadingZeros(byte[] b, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (b[i] == '0' && (i == from || b[i - 1] == '.') && b[i + 1] != '.') {
                return false;
            }
        }
        return true;
    }

    /** Compares a present field's raw text with {@code ascii} without allocating. */
    public boolean textEquals(FlowField f, byte[] ascii) {
        int o = f.ordinal();
        return has(f) && Arrays.equals(buf, off[o], off[o] + len[o], ascii, 0, ascii.length);
    }

    /** The value of the unknown field at {@code index} of {@link FlowLogFormat#extraNames()}, or null for {@code -}. */
    public String getExtra(int index) {
        int l = extraLen[index];
        return l < 0 ? null : new String(buf, extraOff[index], l, StandardCharsets.UTF_8);
    }

    /** An immutable copy of this record. */
    public FlowRecord toRecord() {
        FlowRecord.Builder b = FlowRecord.builder();
        for (FlowField f : FlowField.values()) {
            if (!has(f)) {
                continue;
            }
            int o = f.ordinal();
            switch (f.type()) {
                case INT, LONG -> b.set(f, num[o]);
                case ADDRESS -> b.set(f, IpAddress.of(family[o], num[o], low[o]));
                case ACTION -> b.set(f, action());
                case LOG_STATUS -> b.set(f, logStatus());
                case STRING -> b.set(f, getString(f));
            }
        }
        for (int i = 0; i < format.extraNames().size(); i++) {
            String v = getExtra(i);
            if (v != null) {
                b.extra(format.extraNames().get(i), v);
            }
        }
        return b.build();
    }
}
