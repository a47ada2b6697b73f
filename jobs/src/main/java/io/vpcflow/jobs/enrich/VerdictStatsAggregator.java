package io.vpcflow.jobs.enrich;

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
        return s.windowStart + "|" + s.accountId + "|" + s.vpcId + "|" + s.interfaceId + "|" + s.eniOwnerKind + "|"
                + s.eniOwnerId + "|" + s.direction + "|" + s.action + "|" + s.verdict + "|" + s.verdictReason + "|"
                + s.sgId + "|" + s.sgRuleId;
    }

    /** The record's own vpc-id when its format has one, else the VPC of its interface in the inventory. */
    static String vpcOf(FlowRow r) {
        return r.vpcId != null ? r.vpcId : r.eniVpcId;
    }

    /** A row of one record, in the record's window. */
    static VerdictStatsRow of(FlowRow r, long windowSeconds) {
        VerdictStatsRow s = new VerdictStatsRow();
        s.windowStart = windowStart(r.eventTime(), windowSeconds);
        s.windowEnd = s.windowStart + windowSeconds;
        s.accountId = r.accountId;
        s.vpcId = vpcOf(r);
        s.interfaceId = r.interfaceId;
        s.eniOwnerKind = r.eniOwnerKind;
        s.eniOwnerId = r.eniOwnerId;
        s.direction = r.direction;
        s.action = r.action;
        s.verdict = r.verdict;
        s.verdictReason = r.verdictReason;
        s.sgId = r.sgId;
        s.sgRuleId = r.sgRuleId;
        s.flows = 1;
        s.packets = Math.max(r.packets, 0);
        s.bytes = Math.max(r.bytes, 0);
        return s;
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
        s.accountId = partial.accountId;
        s.vpcId = partial.vpcId;
        s.interfaceId = partial.interfaceId;
        s.eniOwnerKind = partial.eniOwnerKind;
        s.eniOwnerId = partial.eniOwnerId;
        s.direction = partial.direction;
        s.action = partial.action;
        s.verdict = partial.verdict;
        s.verdictReason = partial.verdictReason;
        s.sgId = partial.sgId;
        s.sgRuleId = partial.sgRuleId;
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
