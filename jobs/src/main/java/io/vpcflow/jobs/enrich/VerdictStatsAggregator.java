package io.vpcflow.jobs.enrich;

/** {@code verdict_stats}: flows, packets and bytes per window and verdict dimensions. */
public final class VerdictStatsAggregator extends WindowAggregator<VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    public VerdictStatsAggregator(long windowSeconds, long latenessSeconds) {
        super(windowSeconds, latenessSeconds, VerdictStatsRow.class);
    }

    /** The key: the record's window start and every dimension of the table. */
    public static String key(FlowRow r, long windowSeconds) {
        return windowStart(r, windowSeconds) + "|" + r.accountId + "|" + vpcOf(r) + "|" + r.interfaceId + "|"
                + r.eniOwnerKind + "|" + r.eniOwnerId + "|" + r.direction + "|" + r.action + "|" + r.verdict + "|"
                + r.verdictReason + "|" + r.sgId + "|" + r.sgRuleId;
    }

    /** The record's own vpc-id when its format has one, else the VPC of its interface in the inventory. */
    static String vpcOf(FlowRow r) {
        return r.vpcId != null ? r.vpcId : r.eniVpcId;
    }

    @Override
    protected VerdictStatsRow create(FlowRow r, long windowStart) {
        VerdictStatsRow s = new VerdictStatsRow();
        s.windowStart = windowStart;
        s.windowEnd = windowStart + windowSeconds;
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
        return s;
    }

    @Override
    protected void add(VerdictStatsRow s, FlowRow r) {
        s.flows++;
        s.packets += Math.max(r.packets, 0);
        s.bytes += Math.max(r.bytes, 0);
    }

    @Override
    protected void markLate(VerdictStatsRow s) {
        s.late = true;
    }
}
