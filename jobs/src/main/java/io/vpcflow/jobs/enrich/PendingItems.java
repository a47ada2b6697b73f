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
    private final ReaderAggregation aggregation;
    private ReaderAggregation.FileSums sums;
    /** The row a summing reader fills for each record: the same one again until a record is handed on. */
    private FlowRow scratch = new FlowRow();
    private String source;
    private long toSkip;

    public PendingItems() {
        this(null);
    }

    /** @param aggregation sums records in the reader and hands on one item per file instead, or null */
    public PendingItems(ReaderAggregation aggregation) {
        this.aggregation = aggregation;
    }

    /** Starts on the file {@code source}, skipping the first {@code alreadyHandedOn} items it yields. */
    public void start(String source, long alreadyHandedOn) {
        this.source = source;
        this.toSkip = alreadyHandedOn;
        this.sums = aggregation == null ? null : aggregation.startFile();
    }

    /** The file is read: its partial sums, if the reader sums, are the last item. */
    public void end() {
        LineItem item = sums == null ? null : sums.end(source);
        if (item == null) {
            return;
        }
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(item);
    }

    public ArrayDeque<LineItem> items() {
        return items;
    }

    @Override
    public void onRecord(MutableFlowRecord record, long lineNumber) {
        FlowRow row;
        if (sums != null) {
            row = scratch;
            row.read(record, source, lineNumber, texts, false);
            if (sums.add(row)) {
                return; // summed here; no item, so nothing to skip on a restore either
            }
            row.addAddressText(record, texts);
            scratch = new FlowRow();
        } else {
            row = FlowRow.of(record, source, lineNumber, texts);
        }
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(LineItem.of(row));
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
