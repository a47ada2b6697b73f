package io.vpcflow.flowlog;

import java.util.ArrayList;
import java.util.List;

/** A handler that keeps copies of everything a reader (of text or of Parquet) hands on, for assertions. */
public final class CollectingHandler implements FlowLogReader.Handler {
    public final List<FlowRecord> records = new ArrayList<>();
    public final List<Long> lineNumbers = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<FlowLogFormat> formats = new ArrayList<>();
    /** Row groups a Parquet reader read to their end. */
    public int rowGroupEnds;

    @Override
    public void onRecord(MutableFlowRecord record, long lineNumber) {
        records.add(record.toRecord());
        lineNumbers.add(lineNumber);
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public void onFormat(FlowLogFormat format) {
        formats.add(format);
    }

    @Override
    public void onRowGroupEnd() {
        rowGroupEnds++;
    }
}
