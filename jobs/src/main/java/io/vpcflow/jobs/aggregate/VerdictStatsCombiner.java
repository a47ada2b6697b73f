package io.vpcflow.jobs.aggregate;

import io.vpcflow.stats.VerdictStatsRow;
import io.vpcflow.stats.VerdictStatsSums;

/** Partial {@code verdict_stats} rows per window and dimensions, summed before the shuffle. */
public final class VerdictStatsCombiner extends Combiner<VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    public VerdictStatsCombiner(long windowSeconds) {
        this(windowSeconds, MAX_PENDING);
    }

    VerdictStatsCombiner(long windowSeconds, int maxPending) {
        super(new VerdictStatsSums(windowSeconds), maxPending);
    }
}
