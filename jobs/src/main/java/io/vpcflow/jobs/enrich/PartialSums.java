package io.vpcflow.jobs.enrich;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Partial sums of records per tumbling event-time window (of the record's {@link FlowRow#eventTime()})
 * and key: the summing half of a {@link Combiner}, with no Flink in it, so a source reader can sum too.
 *
 * @param <P> the partial sums
 */
public abstract class PartialSums<P> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where partials go, each with its timestamp (the start of its window, in milliseconds). */
    public interface Emitter<P> {
        void emit(P partial, long timestampMillis);
    }

    protected final long windowSeconds;
    private final int dimensions;
    private transient TreeMap<Long, PartialTable<P>> windows;
    // Records come in runs of one window: its table is kept at hand.
    private transient long lastWindow;
    private transient PartialTable<P> last;
    private transient int pending;
    private transient Dimensions probe;

    /** @param dimensions how many texts a partial is kept under in its window */
    protected PartialSums(long windowSeconds, int dimensions) {
        this.windowSeconds = windowSeconds;
        this.dimensions = dimensions;
    }

    /**
     * Sets the texts the record is summed under in its window into {@code key} (then {@link Dimensions#hashed()});
     * false when the record does not count here.
     */
    protected abstract boolean dimensionsOf(FlowRow in, Dimensions key);

    /** A new, empty partial for the record's key and window. */
    protected abstract P create(FlowRow in, long windowStart);

    /** Adds one record to its partial. */
    protected abstract void add(P partial, FlowRow in);

    /** Called on each partial just before it goes out. */
    protected void finish(P partial) {
    }

    /** Adds a record to the partial of its window and key. */
    public final void add(FlowRow in) {
        if (probe == null) {
            probe = new Dimensions(dimensions);
            windows = new TreeMap<>();
        }
        Dimensions key = probe;
        if (!dimensionsOf(in, key)) {
            return;
        }
        long windowStart = WindowAggregator.windowStart(in.eventTime(), windowSeconds);
        if (last == null || windowStart != lastWindow) {
            last = windows.computeIfAbsent(windowStart, w -> new PartialTable<>(dimensions));
            lastWindow = windowStart;
        }
        P partial = last.get(key);
        if (partial == null) {
            partial = create(in, windowStart);
            last.put(key, partial);
            pending++;
        }
        add(partial, in);
    }

    /** How many partials wait. */
    public final int pending() {
        return pending;
    }

    /** Sends the partials of every window whose last millisecond {@code watermarkMillis} has reached. */
    public final void emitDue(long watermarkMillis, Emitter<P> out) {
        while (windows != null && !windows.isEmpty()
                && watermarkMillis >= (windows.firstKey() + windowSeconds) * 1000 - 1) {
            emit(windows.pollFirstEntry(), out);
        }
    }

    /** Sends every partial, oldest window first. */
    public final void emitAll(Emitter<P> out) {
        while (windows != null && !windows.isEmpty()) {
            emit(windows.pollFirstEntry(), out);
        }
    }

    private void emit(Map.Entry<Long, PartialTable<P>> window, Emitter<P> out) {
        if (window.getValue() == last) {
            last = null;
        }
        pending -= window.getValue().size();
        long timestamp = window.getKey() * 1000;
        window.getValue().forEach(p -> {
            finish(p);
            out.emit(p, timestamp);
        });
    }
}
