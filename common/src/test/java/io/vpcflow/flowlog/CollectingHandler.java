package io.vpcflow.flowlog;

import java.util.ArrayList;
import java.util.List;

/** A handler that keeps copies of everything a reader hands on, for assertions. */
final class CollectingHandler implements FlowLogReader.Handler {
    final List<FlowRecord> records = new ArrayList<>();
    final List<Long> lineNumbers = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<FlowLogFormat> formats = new ArrayList<>();

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
}
