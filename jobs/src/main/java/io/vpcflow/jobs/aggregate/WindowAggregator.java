package io.vpcflow.jobs.aggregate;

import io.vpcflow.jobs.Counters;
import io.vpcflow.stats.Windows;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums records per tumbling event-time window and key, and writes each window once the watermark has
 * passed its end plus the allowed lateness. Nothing is dropped: a record for a window already written
 * becomes a correction row of its own (marked late) and is counted, so a table's totals always equal
 * the input's, whatever order files arrive in.
 *
 * @param <I> what comes in: records, or partial sums from a combiner
 * @param <A> the row type, which doubles as the accumulator
 */
public abstract class WindowAggregator<I, A> extends KeyedProcessFunction<String, I, A> {
    private static final long serialVersionUID = 1L;

    protected final long windowSeconds;
    private final long latenessSeconds;
    private final Class<A> rowType;
    private transient ValueState<A> sums;
    private transient Counter late;

    protected WindowAggregator(long windowSeconds, long latenessSeconds, Class<A> rowType) {
        this.windowSeconds = windowSeconds;
        this.latenessSeconds = latenessSeconds;
        this.rowType = rowType;
    }

    /** The event time of an input, epoch seconds. */
    protected abstract long eventSeconds(I in);

    /** A new, empty row for the window of {@code in}. */
    protected abstract A create(I in, long windowStart);

    /** Adds one input to a row. */
    protected abstract void add(A row, I in) throws Exception;

    /** Marks a correction row for a window already written. */
    protected abstract void markLate(A row);

    /** Called before a window's row goes out; the place to finish derived columns and clear extra state. */
    protected void beforeEmit(A row) throws Exception {}

    @Override
    public void open(OpenContext context) throws Exception {
        // A window's state lives until its timer fires, which always comes (at the latest at end of input). No
        // TTL: its background cleanup walked the state table on every access and cost a third of the job.
        sums = getRuntimeContext().getState(new ValueStateDescriptor<>("sums", rowType));
        // Inputs are partials (summed before the shuffle), so this counts correction rows, not records.
        late = Counters.counter(getRuntimeContext(), "latePartials");
    }

    @Override
    public void processElement(I r, Context ctx, Collector<A> out) throws Exception {
        long windowStart = Windows.windowStart(eventSeconds(r), windowSeconds);
        long closesAtMillis = (windowStart + windowSeconds + latenessSeconds) * 1000 - 1;
        if (ctx.timerService().currentWatermark() >= closesAtMillis) {
            late.inc();
            A correction = create(r, windowStart);
            add(correction, r);
            markLate(correction);
            beforeEmit(correction);
            out.collect(correction);
            return;
        }
        A acc = sums.value();
        if (acc == null) {
            acc = create(r, windowStart);
            ctx.timerService().registerEventTimeTimer(closesAtMillis);
        }
        add(acc, r);
        sums.update(acc);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<A> out) throws Exception {
        A acc = sums.value();
        if (acc != null) {
            beforeEmit(acc);
            out.collect(acc);
            sums.clear();
        }
    }
}
