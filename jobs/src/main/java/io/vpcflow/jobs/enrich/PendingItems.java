package io.vpcflow.jobs.enrich;

import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.text.TextCache;
import java.util.ArrayDeque;

/**
 * What a {@link FlowLogReader} reports, queued as items to hand on. A restored reader reads its file again from
 * the start, so the first items of a file, already handed on before the checkpoint, are skipped.
 */
public final class PendingItems implements FlowLogReader.Handler {
    private final ArrayDeque<LineItem> items = new ArrayDeque<>();
    private final TextCache texts = new TextCache(4096);
    private String source;
    private long toSkip;

    /** Starts on the file {@code source}, skipping the first {@code alreadyHandedOn} items it yields. */
    public void start(String source, long alreadyHandedOn) {
        this.source = source;
        this.toSkip = alreadyHandedOn;
    }

    public ArrayDeque<LineItem> items() {
        return items;
    }

    @Override
    public void onRecord(MutableFlowRecord record, long lineNumber) {
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(LineItem.of(FlowRow.of(record, source, lineNumber, texts)));
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(LineItem.of(DeadLetterRow.of(deadLetter, System.currentTimeMillis())));
    }
}
