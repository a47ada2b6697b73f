package io.vpcflow.stats;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.net.IpAddress;

/**
 * Partial {@code rule_usage} rows per window and matched rule, with their distinct peers: for the job's combiner and
 * for a source reader that sums records itself.
 */
public final class RuleUsageSums extends PartialSums<RuleUsagePartial> {
    private static final long serialVersionUID = 1L;

    public RuleUsageSums(long windowSeconds) {
        super(windowSeconds, 3);
    }

    // A record counts toward a rule when a rule of a group matched it.
    @Override
    protected boolean counts(FlowRow r) {
        return r.sgId != null;
    }

    @Override
    protected int hashOf(FlowRow r) {
        return hash(r.sgId, 0x9E3779B1) + hash(r.sgRuleId, 0x85EBCA77) + hash(r.direction, 0xC2B2AE3D);
    }

    @Override
    public boolean matches(FlowRow r, Object[] k, int b) {
        return same(r.sgRuleId, k[b + 1]) && same(r.sgId, k[b]) && same(r.direction, k[b + 2]);
    }

    @Override
    public void copy(FlowRow r, Object[] k, int b) {
        k[b] = r.sgId;
        k[b + 1] = r.sgRuleId;
        k[b + 2] = r.direction;
    }

    @Override
    protected RuleUsagePartial create(FlowRow r, long windowStart) {
        RuleUsagePartial p = new RuleUsagePartial();
        p.windowStart = windowStart;
        p.sgId = r.sgId;
        p.sgRuleId = r.sgRuleId;
        p.direction = r.direction;
        return p;
    }

    @Override
    protected void add(RuleUsagePartial p, FlowRow r) {
        p.flows++;
        p.packets += Math.max(r.packets, 0);
        p.bytes += Math.max(r.bytes, 0);
        if (r.peerAddr != null) {
            if (p.seen == null) {
                p.seen = new DistinctPeers();
            }
            p.seen.add(r.peerAddr);
        }
    }

    @Override
    protected void finish(RuleUsagePartial p) {
        p.peers = p.seen == null ? new IpAddress[0] : p.seen.addresses();
        p.seen = null;
    }
}
