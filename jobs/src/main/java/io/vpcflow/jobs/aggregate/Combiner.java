package io.vpcflow.jobs.aggregate;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.stats.PartialSums;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums batches of records into {@link PartialSums} before a shuffle, so that only partials, not records, cross
 * the network (shuffling every record into keyed state costs more than all the rest of the job).
 *
 * <p>Holds no state across checkpoints: everything is flushed before every barrier and at the end of input.
 * A watermark flushes the windows it reaches the last millisecond of, before it goes on: so no partial
 * arrives after a watermark that closed its window downstream (that needs the watermark to pass the
 * window's end plus lateness), yet a window's partial goes out once, not once per watermark. Each partial
 * is stamped inside its own window. Sending early is always safe, so when more than {@code maxPending}
 * partials wait (a replay holds event time back for hours) all of them go out: memory stays bounded.
 *
 * @param <P> the partial sums out
 */
public class Combiner<P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<FlowRow[], P>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Partials held at most before all are sent. */
    static final int MAX_PENDING = 100_000;

    private final PartialSums<P> sums;
    private final int maxPending;
    private transient StreamRecord<P> reuse;
    private transient PartialSums.Emitter<P> out;

    public Combiner(PartialSums<P> sums, int maxPending) {
        this.sums = sums;
        this.maxPending = maxPending;
    }

    @Override
    public void open() throws Exception {
        super.open();
        reuse = new StreamRecord<>(null);
        out = (p, ts) -> output.collect(reuse.replace(p, ts));
    }

    @Override
    public void processElement(StreamRecord<FlowRow[]> element) {
        for (FlowRow row : element.getValue()) {
            sums.add(row);
        }
        if (sums.pending() > maxPending) {
            sums.emitAll(out);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        sums.emitDue(mark.getTimestamp(), out);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        sums.emitAll(out);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        sums.emitAll(out);
    }

    @Override
    public void finish() throws Exception {
        sums.emitAll(out);
        super.finish();
    }

    /** How many partials wait to be flushed; for tests. */
    int pending() {
        return sums.pending();
    }
}
