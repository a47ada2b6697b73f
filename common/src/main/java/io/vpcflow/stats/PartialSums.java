package io.vpcflow.stats;

import io.vpcflow.enrich.FlowRow;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Partial sums of records per tumbling event-time window (of the record's {@link FlowRow#windowTime()})
 * and key: the summing half of a combiner (in the job), with no Flink in it, so a source reader can sum too.
 *
 * @param <P> the partial sums
 */
public abstract class PartialSums<P> implements Serializable, PartialTable.Key<FlowRow> {
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

    /** @param dimensions how many texts a partial is kept under in its window */
    protected PartialSums(long windowSeconds, int dimensions) {
        this.windowSeconds = windowSeconds;
        this.dimensions = dimensions;
    }

    /** Whether the record counts here at all. */
    protected abstract boolean counts(FlowRow in);

    /**
     * The hash of the values the record is summed under in its window. Written out field by field (see
     * {@link #hash(String, int)}), as {@link #matches} and {@link #copy} are: the record's fields are read where
     * they are, with no loop and nothing stored per record.
     */
    protected abstract int hashOf(FlowRow in);

    /** One text's share of a key's hash: independent products, summed, rather than a chain of multiplications. */
    protected static int hash(String text, int multiplier) {
        return text == null ? 0 : text.hashCode() * multiplier;
    }

    /** One enum's share of a key's hash: by its ordinal, which, unlike its hash code, is the same in every JVM. */
    protected static int hash(Enum<?> value, int multiplier) {
        return value == null ? 0 : (value.ordinal() + 1) * multiplier;
    }

    /** Equal texts: the same String objects in the common case (texts are shared through caches). */
    protected static boolean same(String a, Object b) {
        return a == b || (a != null && a.equals(b));
    }

    /** The same enum constant. */
    protected static boolean same(Enum<?> a, Object b) {
        return a == b;
    }

    /** A new, empty partial for the record's key and window. */
    protected abstract P create(FlowRow in, long windowStart);

    /** Adds one record to its partial. */
    protected abstract void add(P partial, FlowRow in);

    /** Called on each partial just before it goes out. */
    protected void finish(P partial) {}

    /** Adds a record to the partial of its window and key. */
    public final void add(FlowRow in) {
        if (windows == null) {
            windows = new TreeMap<>();
        }
        if (!counts(in)) {
            return;
        }
        long windowStart = Windows.windowStart(in.windowTime(), windowSeconds);
        if (last == null || windowStart != lastWindow) {
            last = windows.computeIfAbsent(windowStart, w -> new PartialTable<>(dimensions));
            lastWindow = windowStart;
        }
        int h = hashOf(in);
        P partial = last.get(in, h, this);
        if (partial == null) {
            partial = create(in, windowStart);
            last.put(in, h, this, partial);
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
        while (windows != null
                && !windows.isEmpty()
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
