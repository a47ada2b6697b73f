package io.vpcflow.jobs.aggregate;

import io.vpcflow.stats.Dimension;
import io.vpcflow.stats.VerdictStatsRow;

/**
 * {@code verdict_stats}: flows, packets and bytes per window and verdict dimensions, summed from the
 * partial sums {@link VerdictStatsCombiner} makes before the shuffle.
 */
public final class VerdictStatsAggregator extends WindowAggregator<VerdictStatsRow, VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    public VerdictStatsAggregator(long windowSeconds, long latenessSeconds) {
        super(windowSeconds, latenessSeconds, VerdictStatsRow.class);
    }

    /** The key of a partial: its window start and every dimension of the table. */
    public static String key(VerdictStatsRow s) {
        return Dimension.key(s.windowStart, VerdictStatsRow.DIMENSIONS, s);
    }

    @Override
    protected long eventSeconds(VerdictStatsRow partial) {
        return partial.windowStart;
    }

    @Override
    protected VerdictStatsRow create(VerdictStatsRow partial, long windowStart) {
        VerdictStatsRow s = new VerdictStatsRow();
        s.windowStart = partial.windowStart;
        s.windowEnd = partial.windowEnd;
        Dimension.copy(VerdictStatsRow.DIMENSIONS, partial, s);
        return s;
    }

    @Override
    protected void add(VerdictStatsRow s, VerdictStatsRow partial) {
        s.flows += partial.flows;
        s.packets += partial.packets;
        s.bytes += partial.bytes;
    }

    @Override
    protected void markLate(VerdictStatsRow s) {
        s.late = true;
    }
}
