package io.vpcflow.jobs.enrich;

/** Partial {@code verdict_stats} rows per window and dimensions, summed before the shuffle. */
public final class VerdictStatsCombiner extends Combiner<VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    public VerdictStatsCombiner(long windowSeconds) {
        this(windowSeconds, MAX_PENDING);
    }

    VerdictStatsCombiner(long windowSeconds, int maxPending) {
        super(new Sums(windowSeconds), maxPending);
    }

    /** Every dimension of the table. */
    record Key(String accountId, String vpcId, String interfaceId, String eniOwnerKind, String eniOwnerId,
               String direction, String action, String verdict, String verdictReason, String sgId, String sgRuleId) {
    }

    /** The sums themselves, for the combiner and for a source reader that sums records itself. */
    static final class Sums extends PartialSums<Key, VerdictStatsRow> {
        private static final long serialVersionUID = 1L;

        Sums(long windowSeconds) {
            super(windowSeconds);
        }

        @Override
        protected Key keyOf(FlowRow r) {
            return new Key(r.accountId, VerdictStatsAggregator.vpcOf(r), r.interfaceId, r.eniOwnerKind, r.eniOwnerId,
                    r.direction, r.action, r.verdict, r.verdictReason, r.sgId, r.sgRuleId);
        }

        @Override
        protected VerdictStatsRow create(FlowRow r, long windowStart) {
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
    }
}
