package io.vpcflow.flowlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a {@link MutableFlowRecord} from typed values, one row at a time, for inputs that are columns rather
 * than lines (Parquet, OCSF). A number is taken as a number; a text value is judged by the same rules as a field
 * of a line ({@code -} is absent, a number written as text is read or is a {@code bad_number}); a missing value is
 * absent. A failing row keeps its values, so its dead letter shows the row as a line of its format would.
 *
 * <p>Not thread-safe; allocates nothing per row (text values are copied into one growing buffer).
 */
public final class ColumnarRecord {
    private static final byte NONE = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    private final FlowLogFormat format;
    private final FlowLineParser parser;
    private final MutableFlowRecord record = new MutableFlowRecord();
    private final int size;
    private final int extras;
    private final byte[] kinds;
    private final long[] numbers;
    private final int[] textOff;
    private final int[] textLen;
    private byte[] text = new byte[1024];
    private int used;
    private DeadLetterReason failure;
    private int failedPosition;

    public ColumnarRecord(FlowLogFormat format) {
        this.format = format;
        this.parser = new FlowLineParser(format);
        this.size = format.size();
        this.extras = format.extraNames().size();
        this.kinds = new byte[size];
        this.numbers = new long[size];
        this.textOff = new int[size];
        this.textLen = new int[size];
    }

    public FlowLogFormat format() {
        return format;
    }

    /** Starts a row: every field absent. */
    public void begin() {
        Arrays.fill(kinds, NONE);
        used = 0;
        failure = null;
        record.reset(format, text, 0, 0, extras);
    }

    /** Field {@code position} of the format holds the number {@code v}. */
    public void number(int position, long v) {
        kinds[position] = NUMBER;
        numbers[position] = v;
        if (failure != null) {
            return;
        }
        byte type = parser.type(position);
        int slot = parser.slot(position);
        if (type == FlowLineParser.T_INT || type == FlowLineParser.T_LONG) {
            if (v < 0 || (type == FlowLineParser.T_INT && v > Integer.MAX_VALUE)) {
                fail(position, DeadLetterReason.BAD_NUMBER);
                return;
            }
            record.num[slot] = v;
            record.markPresent(slot);
            return;
        }
        // A number where text is expected (an account id written as INT64): its decimal text is the value.
        int s = used;
        ensure(20);
        used = writeDecimal(v, text, used);
        kinds[position] = TEXT;
        textOff[position] = s;
        textLen[position] = used - s;
        judge(position, s, used - s);
    }

    /** Field {@code position} of the format holds the text {@code b[off, off+len)} (UTF-8). */
    public void text(int position, byte[] b, int off, int len) {
        int s = used;
        ensure(len);
        System.arraycopy(b, off, text, s, len);
        used += len;
        kinds[position] = TEXT;
        textOff[position] = s;
        textLen[position] = len;
        if (failure == null) {
            judge(position, s, len);
        }
    }

    private void judge(int position, int s, int len) {
        if (len == 1 && text[s] == '-') {
            return; // absent, as in a line
        }
        for (int k = s, e = s + len; k < e; k++) {
            byte c = text[k];
            if ((c >= 0 && c < 0x20) || c == 0x7F) {
                fail(position, DeadLetterReason.BINARY);
                return;
            }
        }
        if (len == 0) {
            return; // an empty string says no more than a missing one
        }
        byte type = parser.type(position);
        int slot = parser.slot(position);
        if (type == FlowLineParser.T_EXTRA) {
            record.extraOff[slot] = s;
            record.extraLen[slot] = len;
            return;
        }
        DeadLetterReason bad = parser.value(type, slot, text, s, len, record);
        if (bad != null) {
            fail(position, bad);
        }
    }

    private void fail(int position, DeadLetterReason reason) {
        failure = reason;
        failedPosition = position;
    }

    /** Ends the row: null when it is a record ({@link #record()}), else why not ({@link #describeFailure()}). */
    public DeadLetterReason end() {
        if (failure == null && used > FlowLogReader.MAX_LINE_BYTES) {
            failure = DeadLetterReason.LINE_TOO_LONG;
        }
        record.buf = text;
        record.lineLen = used;
        return failure;
    }

    /** The record of the row just ended; reused by the next row. */
    public MutableFlowRecord record() {
        return record;
    }

    /** Where the row just ended went wrong, in the words a line's dead letter uses. */
    public String describeFailure() {
        if (failure == DeadLetterReason.LINE_TOO_LONG) {
            return "its text values are longer than " + FlowLogReader.MAX_LINE_BYTES + " bytes together; cut there";
        }
        record.failedPosition = failedPosition;
        return parser.describeFailure(failure, record);
    }

    /** The row as a line of its format: its values in order, {@code -} for each missing one. Allocates. */
    public String raw() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            switch (kinds[i]) {
                case NUMBER -> sb.append(numbers[i]);
                case TEXT -> sb.append(new String(text, textOff[i], textLen[i], StandardCharsets.UTF_8));
                default -> sb.append('-');
            }
            if (sb.length() > FlowLogReader.MAX_LINE_BYTES) {
                sb.setLength(FlowLogReader.MAX_LINE_BYTES);
                break;
            }
        }
        return sb.toString();
    }

    private void ensure(int more) {
        if (used + more > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, used + more));
        }
    }

    private static int writeDecimal(long v, byte[] b, int at) {
        if (v < 0) {
            b[at++] = '-';
            v = -v; // Long.MIN_VALUE stays negative: no flow-log value is that
        }
        int start = at;
        do {
            b[at++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return at;
    }
}
