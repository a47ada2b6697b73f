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

    /** The sums themselves, for the combiner and for a source reader that sums records itself. */
    static final class Sums extends PartialSums<VerdictStatsRow> {
        private static final long serialVersionUID = 1L;

        Sums(long windowSeconds) {
            super(windowSeconds, 11);
        }

        /** Every dimension of the table. */
        @Override
        protected boolean dimensionsOf(FlowRow r, Dimensions key) {
            key.set(0, r.accountId).set(1, VerdictStatsAggregator.vpcOf(r)).set(2, r.interfaceId)
                    .set(3, r.eniOwnerKind).set(4, r.eniOwnerId).set(5, r.direction).set(6, r.action)
                    .set(7, r.verdict).set(8, r.verdictReason).set(9, r.sgId).set(10, r.sgRuleId).hashed();
            return true;
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
