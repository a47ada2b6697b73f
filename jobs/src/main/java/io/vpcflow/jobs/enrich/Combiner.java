package io.vpcflow.jobs.enrich;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums records into partials per tumbling window and key before a shuffle, so that only partials, not
 * records, cross the network (shuffling every record into keyed state costs more than all the rest of the
 * job).
 *
 * <p>Holds no state across checkpoints: everything is flushed before every barrier and at the end of input.
 * A watermark flushes the windows it reaches the last millisecond of, before it goes on: so no partial
 * arrives after a watermark that closed its window downstream (that needs the watermark to pass the
 * window's end plus lateness), yet a window's partial goes out once, not once per watermark. Each partial
 * is stamped inside its own window. Sending early is always safe, so when more than {@code maxPending}
 * partials wait (a replay holds event time back for hours) all of them go out: memory stays bounded.
 *
 * @param <I> records in
 * @param <K> the key partials are summed by within a window
 * @param <P> the partial sums out
 */
public abstract class Combiner<I, K, P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<I, P>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Partials held at most before all are sent. */
    static final int MAX_PENDING = 100_000;

    protected final long windowSeconds;
    private final int maxPending;
    private transient TreeMap<Long, Map<K, P>> windows;
    private transient int pending;
    // Records come in runs of one window: its map is kept at hand.
    private transient long lastWindow;
    private transient Map<K, P> last;

    protected Combiner(long windowSeconds, int maxPending) {
        this.windowSeconds = windowSeconds;
        this.maxPending = maxPending;
    }

    /** The event time of a record, epoch seconds. */
    protected abstract long eventSeconds(I in);

    /** The key a record is summed under in its window, or null when the record does not count here. */
    protected abstract K keyOf(I in);

    /** A new, empty partial for the record's key and window. */
    protected abstract P create(I in, long windowStart);

    /** Adds one record to its partial. */
    protected abstract void add(P partial, I in);

    /** Called on each partial just before it goes out. */
    protected void finish(P partial) {
    }

    @Override
    public void open() throws Exception {
        super.open();
        windows = new TreeMap<>();
        last = null;
        pending = 0;
    }

    @Override
    public void processElement(StreamRecord<I> element) {
        I in = element.getValue();
        K key = keyOf(in);
        if (key == null) {
            return;
        }
        long windowStart = WindowAggregator.windowStart(eventSeconds(in), windowSeconds);
        if (last == null || windowStart != lastWindow) {
            last = windows.computeIfAbsent(windowStart, w -> new HashMap<>());
            lastWindow = windowStart;
        }
        P partial = last.get(key);
        if (partial == null) {
            partial = create(in, windowStart);
            last.put(key, partial);
            pending++;
        }
        add(partial, in);
        if (pending > maxPending) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        while (!windows.isEmpty() && mark.getTimestamp() >= (windows.firstKey() + windowSeconds) * 1000 - 1) {
            emit(windows.pollFirstEntry());
        }
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
        while (!windows.isEmpty()) {
            emit(windows.pollFirstEntry());
        }
    }

    private void emit(Map.Entry<Long, Map<K, P>> window) {
        if (window.getValue() == last) {
            last = null;
        }
        pending -= window.getValue().size();
        StreamRecord<P> reuse = new StreamRecord<>(null);
        for (P p : window.getValue().values()) {
            finish(p);
            output.collect(reuse.replace(p, window.getKey() * 1000));
        }
    }

    /** How many keys wait to be flushed; for tests. */
    int pending() {
        return pending;
    }
}
