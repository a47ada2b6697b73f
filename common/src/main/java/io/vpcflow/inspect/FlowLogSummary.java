package io.vpcflow.inspect;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.flowlog.MutableFlowRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a flow-log file holds, gathered while reading it: counts by log status and action, traffic
 * totals, the time range, the formats seen and the dead letters by reason with the first examples.
 */
public final class FlowLogSummary implements FlowLogReader.Handler {
    /** How many dead letters are kept whole as examples. */
    public static final int EXAMPLES = 5;

    private long records;
    private final long[] byLogStatus = new long[LogStatus.values().length];
    private final long[] byAction = new long[Action.values().length];
    private long packets;
    private long bytes;
    private long minStart = Long.MAX_VALUE;
    private long maxEnd = Long.MIN_VALUE;
    private long deadLetters;
    private final long[] byReason = new long[DeadLetterReason.values().length];
    private final List<DeadLetter> examples = new ArrayList<>();
    private final List<FlowLogFormat> formats = new ArrayList<>();

    @Override
    public void onRecord(MutableFlowRecord r, long lineNumber) {
        records++;
        LogStatus status = r.logStatus();
        if (status != null) {
            byLogStatus[status.ordinal()]++;
        }
        Action action = r.action();
        if (action != null) {
            byAction[action.ordinal()]++;
        }
        packets += r.getLong(FlowField.PACKETS);
        bytes += r.getLong(FlowField.BYTES);
        if (r.has(FlowField.START)) {
            minStart = Math.min(minStart, r.getLong(FlowField.START));
        }
        if (r.has(FlowField.END)) {
            maxEnd = Math.max(maxEnd, r.getLong(FlowField.END));
        }
    }

    @Override
    public void onDeadLetter(DeadLetter d) {
        deadLetters++;
        byReason[d.reason().ordinal()]++;
        if (examples.size() < EXAMPLES) {
            examples.add(d);
        }
    }

    @Override
    public void onFormat(FlowLogFormat format) {
        if (!formats.contains(format)) {
            formats.add(format);
        }
    }

    /** Parsed records; header and blank lines are neither records nor dead letters. */
    public long records() {
        return records;
    }

    public Map<LogStatus, Long> byLogStatus() {
        Map<LogStatus, Long> m = new EnumMap<>(LogStatus.class);
        for (LogStatus s : LogStatus.values()) {
            m.put(s, byLogStatus[s.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    public Map<Action, Long> byAction() {
        Map<Action, Long> m = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            m.put(a, byAction[a.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** The earliest {@code start}, or -1 when no record had one. */
    public long minStart() {
        return minStart == Long.MAX_VALUE ? -1 : minStart;
    }

    /** The latest {@code end}, or -1 when no record had one. */
    public long maxEnd() {
        return maxEnd == Long.MIN_VALUE ? -1 : maxEnd;
    }

    public long deadLetters() {
        return deadLetters;
    }

    /** Dead letters by reason, only the reasons seen. */
    public Map<DeadLetterReason, Long> byReason() {
        Map<DeadLetterReason, Long> m = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            if (byReason[r.ordinal()] > 0) {
                m.put(r, byReason[r.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The first {@value #EXAMPLES} dead letters. */
    public List<DeadLetter> examples() {
        return Collections.unmodifiableList(examples);
    }

    /** The formats the file used, in order of appearance. */
    public List<FlowLogFormat> formats() {
        return Collections.unmodifiableList(formats);
    }
}
