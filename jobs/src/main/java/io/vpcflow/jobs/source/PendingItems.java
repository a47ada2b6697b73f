package io.vpcflow.jobs.source;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowHandler;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.stats.FileSums;
import io.vpcflow.text.TextCache;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What a {@link FlowLogReader} reports, queued as items to hand on: records in batches of up to
 * {@link #BATCH_ROWS} of one event-time hour, dead letters one by one. A restored reader reads its file again
 * from the start, so the first items of a file, already handed on before the checkpoint, are skipped; where a
 * batch ends depends only on the file's lines, so the same items come again.
 */
public final class PendingItems implements FlowRowHandler {
    /** Records in a batch at most. */
    static final int BATCH_ROWS = 512;

    private final ArrayDeque<LineItem> items = new ArrayDeque<>();
    private final TextCache texts = new TextCache(4096);
    private final ReaderAggregation aggregation;
    private FileSums sums;
    /** The row a summing reader fills for each record: the same one again until a record is handed on. */
    private FlowRow scratch = new FlowRow();

    private String source;
    private long toSkip;
    private FlowRow[] batch = new FlowRow[BATCH_ROWS];
    private int batched;
    private long batchHour;

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

    /** Forgets the items not handed on yet, and the batch being filled: the file will be read again. */
    public void discard() {
        items.clear();
        Arrays.fill(batch, 0, batched, null);
        batched = 0;
    }

    /** The file is read: its last batch goes, then its partial sums if the reader sums. */
    public void end() {
        endBatch();
        FileSums.Partials partials = sums == null ? null : sums.end();
        LineItem item = partials == null ? null : LineItem.of(source, partials);
        if (item == null) {
            return;
        }
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(item);
    }

    /**
     * A Parquet row group is read: everything of it goes now (its last batch, its partial sums), so that a restored
     * reader can start at the next row group without reading this one again.
     */
    @Override
    public void onRowGroupEnd() {
        end();
        if (aggregation != null) {
            sums = aggregation.startFile();
        }
    }

    public ArrayDeque<LineItem> items() {
        return items;
    }

    @Override
    public void onRecord(MutableFlowRecord record, long lineNumber) {
        FlowRow row;
        if (sums != null) {
            row = scratch;
            row.read(record, source, lineNumber, texts);
            if (sums.add(row)) {
                return; // summed here; no item, so nothing to skip on a restore either
            }
            scratch = new FlowRow();
        } else {
            row = FlowRow.of(record, source, lineNumber, texts);
        }
        hand(row);
    }

    @Override
    public FlowRow onRow(FlowRow row, long lineNumber) {
        if (sums != null && sums.add(row)) {
            return row; // summed here: the reader fills it again
        }
        hand(row);
        return new FlowRow();
    }

    /** Queues a row to hand on, in a batch of its event-time hour. */
    private void hand(FlowRow row) {
        long hour = row.windowTime() / 3600;
        if (batched > 0 && hour != batchHour) {
            endBatch();
        }
        batchHour = hour;
        batch[batched++] = row;
        if (batched == BATCH_ROWS) {
            endBatch();
        }
    }

    private void endBatch() {
        if (batched == 0) {
            return;
        }
        FlowRow[] rows = batched == BATCH_ROWS ? batch : Arrays.copyOf(batch, batched);
        if (rows == batch) {
            batch = new FlowRow[BATCH_ROWS];
        } else {
            Arrays.fill(batch, 0, batched, null);
        }
        batched = 0;
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        items.add(LineItem.of(rows));
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
