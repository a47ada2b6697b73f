package io.vpcflow.jobs.enrich;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends records on and dead letters to a side output, counting both. */
public final class SplitDeadLetters extends ProcessFunction<LineItem, FlowRow> {
    private static final long serialVersionUID = 1L;

    /** The side output of lines that are not records. */
    public static final OutputTag<DeadLetterRow> DEAD_LETTERS = new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    private transient Counter records;
    private transient Counter deadLetters;
    private transient Counter files;
    private transient String lastSource;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        records = Counters.counter(getRuntimeContext(), "recordsIn");
        deadLetters = Counters.counter(getRuntimeContext(), "deadLetters");
        files = Counters.counter(getRuntimeContext(), "filesStarted");
    }

    @Override
    public void processElement(LineItem item, Context ctx, Collector<FlowRow> out) {
        // A reader hands on a file's lines together, so a new source means a new file (for progress).
        String source = item.flow != null ? item.flow.source : item.deadLetter.source;
        if (!source.equals(lastSource)) {
            lastSource = source;
            files.inc();
        }
        if (item.flow != null) {
            records.inc();
            out.collect(item.flow);
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, item.deadLetter);
        }
    }
}
