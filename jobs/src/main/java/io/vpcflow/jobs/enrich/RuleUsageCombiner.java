package io.vpcflow.jobs.enrich;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Partial {@code rule_usage} rows per window and matched rule, with their distinct peers, summed before the shuffle. */
public final class RuleUsageCombiner extends Combiner<FlowRow, RuleUsageCombiner.Key, RuleUsagePartial> {
    private static final long serialVersionUID = 1L;

    private transient Map<RuleUsagePartial, Set<String>> peers;

    public RuleUsageCombiner(long windowSeconds) {
        super(windowSeconds);
    }

    record Key(String sgId, String sgRuleId, String direction) {
    }

    @Override
    public void open() throws Exception {
        super.open();
        peers = new HashMap<>();
    }

    @Override
    protected long eventSeconds(FlowRow r) {
        return r.eventTime();
    }

    @Override
    protected Key keyOf(FlowRow r) {
        // A record counts toward a rule when a rule of a group matched it.
        return r.sgId == null ? null : new Key(r.sgId, r.sgRuleId, r.direction);
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
            // Partials are identity-keyed here: each lives until its flush.
            peers.computeIfAbsent(p, k -> new HashSet<>()).add(r.peerAddr);
        }
    }

    @Override
    protected void finish(RuleUsagePartial p) {
        Set<String> seen = peers.remove(p);
        p.peers = seen == null ? new String[0] : seen.toArray(new String[0]);
    }
}
