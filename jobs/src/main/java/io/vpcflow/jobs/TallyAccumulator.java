package io.vpcflow.jobs;

import io.vpcflow.enrich.RunTally;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The {@link RunTally} of a job, as one accumulator: each operator counts into a tally of its own and adds it here
 * when it closes, so a bounded run's summary comes back with the job result. A heartbeat may serialize this at any
 * moment from another thread; the tally it holds is replaced, never changed, so what it sends is whole.
 * Operators count through a {@link Part}.
 */
public final class TallyAccumulator implements Accumulator<RunTally, RunTally> {
    private static final long serialVersionUID = 1L;

    /** The accumulator's name in the job result. */
    public static final String NAME = "runTally";

    private volatile RunTally published = new RunTally();

    /** A tally for one operator to count into, added to the task's accumulator when it {@link Part#publish}es. */
    public static Part part(RuntimeContext context) {
        return new Part(of(context));
    }

    /** One operator's counts: its own thread's, so counting takes no lock; handed over once. */
    public static final class Part {
        private final TallyAccumulator to;
        private RunTally tally = new RunTally();

        private Part(TallyAccumulator to) {
            this.to = to;
        }

        public RunTally tally() {
            return tally;
        }

        /** Adds the counts to the job's, once: a second call adds nothing. */
        public void publish() {
            if (tally != null) {
                to.add(tally);
                tally = null;
            }
        }
    }

    /** The task's accumulator, added by the first of its operators that asks. */
    private static TallyAccumulator of(RuntimeContext context) {
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
