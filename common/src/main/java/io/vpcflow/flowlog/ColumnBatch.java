package io.vpcflow.flowlog;

import io.vpcflow.net.AddressCache;
import io.vpcflow.net.IpAddress;
import io.vpcflow.net.IpAddresses;
import io.vpcflow.text.TextCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch of rows of a format, filled column by column from typed values (Parquet, OCSF), then handed out a row
 * at a time as a {@link MutableFlowRecord}. Each value is judged once, as it is set, by the same rules as a field
 * of a line: a number is taken as a number (too large for its field: {@code bad_number}); a text value as text
 * ({@code -} and empty are absent, a number written as text is read or is a {@code bad_number}, an address is parsed,
 * control characters are {@code binary}); a value never set is absent. The first bad value of a row makes it a dead
 * letter, shown as the line its format would have.
 *
 * <p>Text lives in one buffer: a part kept for a whole row group (dictionaries, {@link #keep}) and a part for the
 * batch ({@link #append}); the records point into it, so no value is copied per row. Not thread-safe; allocates
 * nothing per row.
 */
public final class ColumnBatch {
    private static final byte ABSENT = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;
    /** The text {@code -}: shown in a dead letter's line, absent in a record. */
    private static final byte DASH = 4;
    /** A dictionary entry judged by {@link #prepare}: {@code off} holds its handle, the values are in the c* arrays. */
    private static final byte PREPARED = 3;

    private final FlowLogFormat format;
    private final FlowLineParser parser;
    private final int capacity;
    private final int extras;
    private final byte[] types;
    private final int[] slots;

    // Per position (the format's field index), per row; allocated when a position is first set.
    private final byte[][] state;
    private final long[][] num;
    private final long[][] low;
    private final byte[][] family;
    private final int[][] off;
    private final int[][] len;
    /** The positions set since the batch began, in order; only they are looked at per row. */
    private final int[] active;

    private int activeCount;
    private final boolean[] isActive;

    /** Per row: the first bad value's reason (null: none) and position. */
    private final DeadLetterReason[] failure;

    private final int[] failedPosition;
    private byte[] text = new byte[64 * 1024];
    private int kept;
    private int used;
    private final long[] address = new long[2];

    // Per position: dictionary entries judged once per row group ({@link #prepare}), then copied row by row.
    private final byte[][] cState;
    private final long[][] cNum;
    private final long[][] cLow;
    private final byte[][] cFamily;
    private final int[][] cOff;
    private final int[][] cLen;
    private final DeadLetterReason[][] cFailure;
    private final int[] cCount;
    /** Per position, per dictionary entry: its value as a String or address, made the first time a row asks. */
    private final String[][] cText;

    private final IpAddress[][] cAddress;
    private final AddressCache addresses = new AddressCache();

    // Values of one position for all rows ({@link #numbersOr} and the like).
    private final long[] numbers;
    private final IpAddress[] addressesOut;
    private final String[] textsOut;

    public ColumnBatch(FlowLogFormat format, int capacity) {
        this.format = format;
        this.parser = new FlowLineParser(format);
        this.capacity = capacity;
        int n = format.size();
        this.extras = format.extraNames().size();
        this.types = new byte[n];
        this.slots = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = parser.type(i);
            slots[i] = parser.slot(i);
        }
        state = new byte[n][];
        num = new long[n][];
        low = new long[n][];
        family = new byte[n][];
        off = new int[n][];
        len = new int[n][];
        active = new int[n];
        isActive = new boolean[n];
        // One row more than asked for: where a dictionary entry is judged before it is kept.
        failure = new DeadLetterReason[capacity + 1];
        failedPosition = new int[capacity + 1];
        cState = new byte[n][];
        cNum = new long[n][];
        cLow = new long[n][];
        cFamily = new byte[n][];
        cOff = new int[n][];
        cLen = new int[n][];
        cFailure = new DeadLetterReason[n][];
        cCount = new int[n];
        cText = new String[n][];
        cAddress = new IpAddress[n][];
        numbers = new long[capacity];
        addressesOut = new IpAddress[capacity];
        textsOut = new String[capacity];
    }

    public FlowLogFormat format() {
        return format;
    }

    public int capacity() {
        return capacity;
    }

    /** A new row group: the kept text (its dictionaries) goes too. */
    public void startRowGroup() {
        kept = 0;
        used = 0;
        Arrays.fill(cCount, 0);
    }

    /**
     * Keeps the text {@code b[o, o+l)} of a dictionary entry of field {@code p} for the row group and judges it once;
     * returns the handle {@link #setPrepared} takes. Only between batches.
     */
    public int prepare(int p, byte[] b, int o, int l) {
        int at = keep(b, o, l);
        int row = capacity;
        failure[row] = null;
        setText(p, row, at, l);
        int h = cCount[p]++;
        if (cState[p] == null || cState[p].length <= h) {
            int size = Math.max(16, h * 2);
            cState[p] = cState[p] == null ? new byte[size] : Arrays.copyOf(cState[p], size);
            cNum[p] = cNum[p] == null ? new long[size] : Arrays.copyOf(cNum[p], size);
            cLow[p] = cLow[p] == null ? new long[size] : Arrays.copyOf(cLow[p], size);
            cFamily[p] = cFamily[p] == null ? new byte[size] : Arrays.copyOf(cFamily[p], size);
            cOff[p] = cOff[p] == null ? new int[size] : Arrays.copyOf(cOff[p], size);
            cLen[p] = cLen[p] == null ? new int[size] : Arrays.copyOf(cLen[p], size);
            cFailure[p] = cFailure[p] == null ? new DeadLetterReason[size] : Arrays.copyOf(cFailure[p], size);
            cText[p] = cText[p] == null ? new String[size] : Arrays.copyOf(cText[p], size);
            cAddress[p] = cAddress[p] == null ? new IpAddress[size] : Arrays.copyOf(cAddress[p], size);
        }
        cText[p][h] = null;
        cAddress[p][h] = null;
        cState[p][h] = state[p][row];
        cNum[p][h] = num[p][row];
        cLow[p][h] = low[p][row];
        cFamily[p][h] = family[p][row];
        cOff[p][h] = off[p][row];
        cLen[p][h] = len[p][row];
        cFailure[p][h] = failure[row];
        state[p][row] = ABSENT;
        return h;
    }

    /**
     * Sets rows {@code [row, row+n)} of field {@code p} from entries {@code [at, at+n)} of a page: an entry whose
     * level {@code defs[at + i]} is {@code defined} holds the next dictionary entry, {@code handles[ids[next]]} (a
     * handle from {@link #prepare}: the entry as judged once), the others are absent. In one loop.
     *
     * @return the dictionary id after the last one taken
     */
    public int setPrepared(int p, int row, int n, int[] defs, int at, int defined, int[] handles, int[] ids, int next) {
        if (!isActive[p]) {
            activate(p);
        }
        byte[] st = state[p];
        int[] of = off[p];
        DeadLetterReason[] bad = cFailure[p];
        for (int i = 0; i < n; i++) {
            if (defs[at + i] == defined) {
                int h = handles[ids[next++]];
                st[row + i] = PREPARED;
                of[row + i] = h;
                if (bad[h] != null) {
                    fail(row + i, p, bad[h]);
                }
            }
        }
        return next;
    }

    /**
     * Keeps {@code b[o, o+l)} for the rest of the row group (a dictionary entry) and returns where it is, for
     * {@link #setText(int, int, int, int)}. Only between batches.
     */
    public int keep(byte[] b, int o, int l) {
        int at = append(b, o, l);
        kept = used;
        return at;
    }

    /** Adds text for this batch only and returns where it is in the buffer. */
    public int append(byte[] b, int o, int l) {
        if (used + l > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, used + l));
        }
        System.arraycopy(b, o, text, used, l);
        int at = used;
        used += l;
        return at;
    }

    /** Starts a batch of {@code rows} rows (at most {@link #capacity()}), every value absent. */
    public void begin(int rows) {
        used = kept;
        for (int k = 0; k < activeCount; k++) {
            int p = active[k];
            Arrays.fill(state[p], 0, rows, ABSENT);
            isActive[p] = false;
        }
        activeCount = 0;
        Arrays.fill(failure, 0, rows, null);
    }

    private void activate(int p) {
        if (state[p] == null) {
            state[p] = new byte[capacity + 1];
            num[p] = new long[capacity + 1];
            low[p] = new long[capacity + 1];
            family[p] = new byte[capacity + 1];
            off[p] = new int[capacity + 1];
            len[p] = new int[capacity + 1];
        }
        isActive[p] = true;
        active[activeCount++] = p;
    }

    /** Field {@code p} of row {@code row} holds the number {@code v}. */
    public void setNumber(int p, int row, long v) {
        if (!isActive[p]) {
            activate(p);
        }
        byte type = types[p];
        if (type == FlowLineParser.T_INT || type == FlowLineParser.T_LONG) {
            state[p][row] = NUMBER;
            num[p][row] = v;
            if (v < 0 || (type == FlowLineParser.T_INT && v > Integer.MAX_VALUE)) {
                fail(row, p, DeadLetterReason.BAD_NUMBER);
            }
            return;
        }
        // A number where text is expected (an account id written as INT64): its decimal text is the value.
        int at = appendDecimal(v);
        setText(p, row, at, used - at);
    }

    /**
     * Sets rows {@code [row, row+n)} of field {@code p} from entries {@code [at, at+n)} of a page, as
     * {@link #setNumber} sets one: an entry whose level {@code defs[at + i]} is {@code defined} holds the next value,
     * {@code values[next]} (or {@code values[ids[next]]} when {@code ids} is not null: dictionary ids), the others are
     * absent. In one loop.
     *
     * @return the value index after the last one taken
     */
    public int setNumbers(int p, int row, int n, int[] defs, int at, int defined, long[] values, int[] ids, int next) {
        byte type = types[p];
        if (type != FlowLineParser.T_INT && type != FlowLineParser.T_LONG) {
            for (int i = 0; i < n; i++) {
                if (defs[at + i] == defined) {
                    setNumber(p, row + i, ids == null ? values[next++] : values[ids[next++]]);
                }
            }
            return next;
        }
        if (!isActive[p]) {
            activate(p);
        }
        long max = type == FlowLineParser.T_INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
        byte[] st = state[p];
        long[] nm = num[p];
        for (int i = 0; i < n; i++) {
            if (defs[at + i] == defined) {
                long v = ids == null ? values[next++] : values[ids[next++]];
                st[row + i] = NUMBER;
                nm[row + i] = v;
                if (v < 0 || v > max) {
                    fail(row + i, p, DeadLetterReason.BAD_NUMBER);
                }
            }
        }
        return next;
    }

    /** Adds the decimal text of {@code v} for this batch and returns where it is. */
    private int appendDecimal(long v) {
        if (used + 20 > text.length) {
            text = Arrays.copyOf(text, text.length * 2 + 20);
        }
        int at = used;
        if (v < 0) {
            text[used++] = '-';
        }
        int start = used;
        long rest = v;
        do {
            text[used++] = (byte) ('0' + Math.abs(rest % 10));
            rest /= 10;
        } while (rest != 0);
        for (int i = start, j = used - 1; i < j; i++, j--) {
            byte t = text[i];
            text[i] = text[j];
            text[j] = t;
        }
        return at;
    }

    /** Field {@code p} of row {@code row} holds the text {@code b[o, o+l)}, copied into the batch. */
    public void setText(int p, int row, byte[] b, int o, int l) {
        setText(p, row, append(b, o, l), l);
    }

    /** Field {@code p} of row {@code row} holds the text at {@code at} (from {@link #keep} or {@link #append}). */
    public void setText(int p, int row, int at, int l) {
        if (!isActive[p]) {
            activate(p);
        }
        byte[] t = text;
        off[p][row] = at;
        len[p][row] = l;
        if (l == 0 || (l == 1 && t[at] == '-')) {
            state[p][row] = l == 0 ? ABSENT : DASH;
            return;
        }
        state[p][row] = TEXT;
        if (l > FlowLogReader.MAX_LINE_BYTES) {
            fail(row, p, DeadLetterReason.LINE_TOO_LONG);
            return;
        }
        switch (types[p]) {
            case FlowLineParser.T_INT, FlowLineParser.T_LONG -> {
                long v = FlowLineParser.parseNumber(t, at, l);
                if (v < 0 || (types[p] == FlowLineParser.T_INT && v > Integer.MAX_VALUE)) {
                    fail(row, p, DeadLetterReason.BAD_NUMBER);
                }
                num[p][row] = v;
            }
            case FlowLineParser.T_ADDRESS -> {
                int fam = IpAddresses.parse(t, at, l, address);
                if (fam == 0) {
                    fail(row, p, DeadLetterReason.BAD_ADDRESS);
                }
                family[p][row] = (byte) fam;
                num[p][row] = address[0];
                low[p][row] = address[1];
            }
            case FlowLineParser.T_ACTION -> {
                int a = FlowLineParser.action(t, at, l);
                if (a < 0) {
                    fail(row, p, DeadLetterReason.BAD_VALUE);
                }
                num[p][row] = a;
            }
            case FlowLineParser.T_LOG_STATUS -> {
                int s = FlowLineParser.logStatus(t, at, l);
                if (s < 0) {
                    fail(row, p, DeadLetterReason.BAD_VALUE);
                }
                num[p][row] = s;
            }
            default -> {
                for (int k = at, e = at + l; k < e; k++) {
                    byte c = t[k];
                    if ((c >= 0 && c < 0x20) || c == 0x7F) {
                        fail(row, p, DeadLetterReason.BINARY);
                        return;
                    }
                }
            }
        }
    }

    private void fail(int row, int p, DeadLetterReason reason) {
        if (failure[row] == null) {
            failure[row] = reason;
            failedPosition[row] = p;
        }
    }

    /** Why row {@code row} is not a record, or null when it is. */
    public DeadLetterReason failure(int row) {
        return failure[row];
    }

    /** Fills {@code r} with row {@code row}, which must be a record ({@link #failure} null); valid until the next batch. */
    public void fill(int row, MutableFlowRecord r) {
        r.reset(format, text, 0, used, extras);
        for (int k = 0; k < activeCount; k++) {
            int p = active[k];
            byte s = state[p][row];
            if (s == PREPARED) {
                int h = off[p][row];
                s = cState[p][h];
                if (s != ABSENT && s != DASH) {
                    put(r, p, s, cNum[p][h], cLow[p][h], cFamily[p][h], cOff[p][h], cLen[p][h]);
                }
            } else if (s != ABSENT && s != DASH) {
                put(r, p, s, num[p][row], low[p][row], family[p][row], off[p][row], len[p][row]);
            }
        }
    }

    private void put(MutableFlowRecord r, int p, byte s, long n, long lo, byte fam, int o, int l) {
        int slot = slots[p];
        byte type = types[p];
        if (type == FlowLineParser.T_EXTRA) {
            r.extraOff[slot] = o;
            r.extraLen[slot] = l;
            return;
        }
        r.num[slot] = n;
        if (type == FlowLineParser.T_ADDRESS) {
            r.family[slot] = fam;
            r.low[slot] = lo;
        }
        r.off[slot] = o;
        r.len[slot] = s == TEXT ? l : 0;
        r.markPresent(slot);
    }

    // Values by position and row, for a reader that fills rows column by column instead of a record at a time
    // (fill). Only for a row that is a record.

    /** Whether any row of this batch has a value at position {@code p}: the others are all absent there. */
    public boolean isSet(int p) {
        return isActive[p];
    }

    /**
     * The number at a position (a count, a port, an action's or log status's code), or {@code absent} when the row
     * has none there (absent or {@code -}).
     */
    public long numberOr(int p, int row, long absent) {
        byte s = state[p][row];
        if (s == PREPARED) {
            int h = off[p][row];
            byte c = cState[p][h];
            return c == ABSENT || c == DASH ? absent : cNum[p][h];
        }
        return s == ABSENT || s == DASH ? absent : num[p][row];
    }

    /**
     * {@link #numberOr} of rows {@code [0, n)} at a position, in an array the batch reuses at the next call; every
     * row {@code absent} when {@code p} is -1. One loop for any numeric field, so it is compiled once for all.
     */
    public long[] numbersOr(int p, int n, long absent) {
        long[] out = numbers;
        if (p < 0) {
            Arrays.fill(out, 0, n, absent);
            return out;
        }
        for (int r = 0; r < n; r++) {
            out[r] = numberOr(p, r, absent);
        }
        return out;
    }

    /** {@link #address} of rows {@code [0, n)}, as {@link #numbersOr} gives numbers. */
    public IpAddress[] addresses(int p, int n) {
        IpAddress[] out = addressesOut;
        if (p < 0) {
            Arrays.fill(out, 0, n, null);
            return out;
        }
        for (int r = 0; r < n; r++) {
            out[r] = address(p, r);
        }
        return out;
    }

    /** {@link #text} of rows {@code [0, n)}, as {@link #numbersOr} gives numbers. */
    public String[] texts(int p, int n, TextCache texts) {
        String[] out = textsOut;
        if (p < 0) {
            Arrays.fill(out, 0, n, null);
            return out;
        }
        for (int r = 0; r < n; r++) {
            out[r] = text(p, r, texts);
        }
        return out;
    }

    /** The address at a position, or null when absent; a dictionary entry's is made once per row group. */
    public IpAddress address(int p, int row) {
        byte s = state[p][row];
        if (s == PREPARED) {
            int h = off[p][row];
            IpAddress a = cAddress[p][h];
            if (a == null && cState[p][h] == TEXT) {
                a = addresses.of(cFamily[p][h], cNum[p][h], cLow[p][h]);
                cAddress[p][h] = a;
            }
            return a;
        }
        return s == TEXT ? addresses.of(family[p][row], num[p][row], low[p][row]) : null;
    }

    /** The text at a position, or null when absent; a dictionary entry's is made once per row group. */
    public String text(int p, int row, TextCache texts) {
        byte s = state[p][row];
        if (s == PREPARED) {
            int h = off[p][row];
            String t = cText[p][h];
            if (t == null && cState[p][h] == TEXT) {
                t = texts.get(text, cOff[p][h], cLen[p][h]);
                cText[p][h] = t;
            }
            return t;
        }
        return s == TEXT ? texts.get(text, off[p][row], len[p][row]) : null;
    }

    /** Where row {@code row} went wrong, in the words a line's dead letter uses. */
    public String describeFailure(int row, MutableFlowRecord scratch) {
        scratch.failedPosition = failedPosition[row];
        return parser.describeFailure(failure[row], scratch);
    }

    /** Row {@code row} as a line of its format: its values in order, {@code -} for each missing one. Allocates. */
    public String raw(int row) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < format.size(); p++) {
            if (p > 0) {
                sb.append(' ');
            }
            byte s = isActive[p] ? state[p][row] : ABSENT;
            if (s == PREPARED) {
                int h = off[p][row];
                sb.append(new String(text, cOff[p][h], cLen[p][h], StandardCharsets.UTF_8));
            } else if (s == NUMBER) {
                sb.append(num[p][row]);
            } else if (s == TEXT || s == DASH) {
                sb.append(new String(text, off[p][row], len[p][row], StandardCharsets.UTF_8));
            } else {
                sb.append('-');
            }
            if (sb.length() > FlowLogReader.MAX_LINE_BYTES) {
                sb.setLength(FlowLogReader.MAX_LINE_BYTES);
                break;
            }
        }
        return sb.toString();
    }
}
