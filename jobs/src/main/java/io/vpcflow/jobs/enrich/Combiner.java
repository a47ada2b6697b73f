package io.vpcflow.jobs.enrich;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums records into partials per key before a shuffle, so that only partials, not records, cross the
 * network (shuffling every record into keyed state costs more than all the rest of the job).
 *
 * <p>Holds no state: partials are flushed before every watermark goes on (so none is late relative to it),
 * before every checkpoint barrier, and at the end of input. Each partial is stamped inside its own window.
 *
 * @param <I> records in
 * @param <K> the key partials are summed by
 * @param <P> the partial sums out
 */
public abstract class Combiner<I, K, P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<I, P>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private transient Map<K, P> partials;

    /** The key a record is summed under, or null when the record does not count here. */
    protected abstract K keyOf(I in);

    /** A new, empty partial for the record's key. */
    protected abstract P create(I in);

    /** Adds one record to its partial. */
    protected abstract void add(P partial, I in);

    /** The event time of a partial, in milliseconds: inside its window. */
    protected abstract long timestampMillis(P partial);

    /** Called on each partial just before it goes out. */
    protected void finish(P partial) {
    }

    @Override
    public void open() throws Exception {
        super.open();
        partials = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<I> element) {
        I in = element.getValue();
        K key = keyOf(in);
        if (key == null) {
            return;
        }
        P partial = partials.get(key);
        if (partial == null) {
            partial = create(in);
            partials.put(key, partial);
        }
        add(partial, in);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (partials.isEmpty()) {
            return;
        }
        StreamRecord<P> reuse = new StreamRecord<>(null);
        for (P p : partials.values()) {
            finish(p);
            output.collect(reuse.replace(p, timestampMillis(p)));
        }
        partials.clear();
    }

    /** How many keys wait to be flushed; for tests. */
    int pending() {
        return partials.size();
    }
}
