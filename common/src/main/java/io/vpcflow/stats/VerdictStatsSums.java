package io.vpcflow.stats;

import io.vpcflow.enrich.FlowRow;

/**
 * Partial {@code verdict_stats} rows per window and every dimension of the table: for the job's combiner and for a
 * source reader that sums records itself.
 */
public final class VerdictStatsSums extends PartialSums<VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    public VerdictStatsSums(long windowSeconds) {
        super(windowSeconds, 11);
    }

    @Override
    protected boolean counts(FlowRow r) {
        return true;
    }

    // Every dimension of the table: account, VPC, interface, owner kind and id, direction, action, verdict,
    // reason, group, rule.
    @Override
    protected int hashOf(FlowRow r) {
        return hash(r.accountId, 0x9E3779B1)
                + hash(vpcOf(r), 0x85EBCA77)
                + hash(r.interfaceId, 0xC2B2AE3D)
                + hash(r.eniOwnerKind, 0x27D4EB2F)
                + hash(r.eniOwnerId, 0x165667B1)
                + hash(r.direction, 0xD3A2646D)
                + hash(r.action, 0xFD7046C5)
                + hash(r.verdict, 0xB55A4F09)
                + hash(r.verdictReason, 0x2545F491)
                + hash(r.sgId, 0x5851F42D)
                + hash(r.sgRuleId, 0x14057B7F);
    }

    // The fields that most often tell two partials of a window apart come first.
    @Override
    public boolean matches(FlowRow r, Object[] k, int b) {
        return same(r.interfaceId, k[b + 2])
                && same(r.verdict, k[b + 7])
                && same(r.sgRuleId, k[b + 10])
                && same(r.direction, k[b + 5])
                && same(r.action, k[b + 6])
                && same(r.accountId, k[b])
                && same(vpcOf(r), k[b + 1])
                && same(r.eniOwnerKind, k[b + 3])
                && same(r.eniOwnerId, k[b + 4])
                && same(r.verdictReason, k[b + 8])
                && same(r.sgId, k[b + 9]);
    }

    @Override
    public void copy(FlowRow r, Object[] k, int b) {
        k[b] = r.accountId;
        k[b + 1] = vpcOf(r);
        k[b + 2] = r.interfaceId;
        k[b + 3] = r.eniOwnerKind;
        k[b + 4] = r.eniOwnerId;
        k[b + 5] = r.direction;
        k[b + 6] = r.action;
        k[b + 7] = r.verdict;
        k[b + 8] = r.verdictReason;
        k[b + 9] = r.sgId;
        k[b + 10] = r.sgRuleId;
    }

    @Override
    protected VerdictStatsRow create(FlowRow r, long windowStart) {
        VerdictStatsRow s = rowOf(r, windowSeconds);
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

    /** The record's own vpc-id when its format has one, else the VPC of its interface in the inventory. */
    public static String vpcOf(FlowRow r) {
        return r.vpcId != null ? r.vpcId : r.eniVpcId;
    }

    /** A row of one record, in the record's window. */
    public static VerdictStatsRow rowOf(FlowRow r, long windowSeconds) {
        VerdictStatsRow s = new VerdictStatsRow();
        s.windowStart = Windows.windowStart(r.windowTime(), windowSeconds);
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
}
