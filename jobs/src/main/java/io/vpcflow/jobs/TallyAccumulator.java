package io.vpcflow.jobs;

import io.vpcflow.enrich.RunTally;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The {@link RunTally} of a job, as one accumulator: each operator counts into a tally of its own and adds it here
 * when it closes, so a bounded run's summary comes back with the job result. A heartbeat may serialize this at any
 * moment from another thread; the tally it holds is replaced, never changed, so what it sends is whole.
 */
public final class TallyAccumulator implements Accumulator<RunTally, RunTally> {
    private static final long serialVersionUID = 1L;

    /** The accumulator's name in the job result. */
    public static final String NAME = "runTally";

    private volatile RunTally published = new RunTally();

    /** The task's accumulator, added by the first of its operators that asks. */
    public static TallyAccumulator of(RuntimeContext context) {
        Object existing = context.getAccumulator(NAME);
        if (existing instanceof TallyAccumulator t) {
            return t;
        }
        TallyAccumulator added = new TallyAccumulator();
        context.addAccumulator(NAME, added);
        return added;
    }

    @Override
    public synchronized void add(RunTally part) {
        RunTally sum = published.copy();
        sum.merge(part);
        published = sum;
    }

    @Override
    public RunTally getLocalValue() {
        return published;
    }

    @Override
    public void resetLocal() {
        published = new RunTally();
    }

    @Override
    public void merge(Accumulator<RunTally, RunTally> other) {
        add(other.getLocalValue());
    }

    @Override
    public TallyAccumulator clone() {
        TallyAccumulator c = new TallyAccumulator();
        c.published = published;
        return c;
    }
}
