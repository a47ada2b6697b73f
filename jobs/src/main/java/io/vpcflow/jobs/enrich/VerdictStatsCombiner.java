package io.vpcflow.jobs.enrich;

/** Partial {@code verdict_stats} rows per window and dimensions, summed before the shuffle. */
public final class VerdictStatsCombiner extends Combiner<FlowRow, VerdictStatsCombiner.Key, VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    private final long windowSeconds;

    public VerdictStatsCombiner(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    /** The window and every dimension of the table. */
    record Key(long windowStart, String accountId, String vpcId, String interfaceId, String eniOwnerKind,
               String eniOwnerId, String direction, String action, String verdict, String verdictReason, String sgId,
               String sgRuleId) {
    }

    @Override
    protected Key keyOf(FlowRow r) {
        return new Key(WindowAggregator.windowStart(r.eventTime(), windowSeconds), r.accountId,
                VerdictStatsAggregator.vpcOf(r), r.interfaceId, r.eniOwnerKind, r.eniOwnerId, r.direction, r.action,
                r.verdict, r.verdictReason, r.sgId, r.sgRuleId);
    }

    @Override
    protected VerdictStatsRow create(FlowRow r) {
        VerdictStatsRow s = VerdictStatsAggregator.of(r, windowSeconds);
        s.flows = 0;
        s.packets = 0;
        s.bytes = 0;
        return s;
    }

    @Override
    protected void add(VerdictStatsRow s, FlowRow r) {
        s.flows++;
        s.packets += Math.max(r.packets, 0);
        s.bytes += Math.max(r.bytes, 0);
    }

    @Override
    protected long timestampMillis(VerdictStatsRow s) {
        return s.windowStart * 1000;
    }
}
