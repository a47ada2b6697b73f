package io.vpcflow.jobs.aggregate;

import io.vpcflow.jobs.TallyAccumulator;
import io.vpcflow.jobs.types.IpAddressType;
import io.vpcflow.net.IpAddress;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.RuleUsageRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * {@code rule_usage}: per window and matched rule, the flows, packets, bytes and distinct peers it
 * allowed, so "rules never used in 30 days" is one query against the inventory's {@code sg_rules}. Sums
 * the partials {@link RuleUsageCombiner} makes before the shuffle.
 */
public final class RuleUsageAggregator extends WindowAggregator<RuleUsagePartial, RuleUsageRow> {
    private static final long serialVersionUID = 1L;

    private transient MapState<IpAddress, Boolean> peers;
    private transient TallyAccumulator.Part tally;

    public RuleUsageAggregator(long windowSeconds, long latenessSeconds) {
        super(windowSeconds, latenessSeconds, RuleUsageRow.class);
    }

    public static String key(RuleUsagePartial p) {
        return p.windowStart + "|" + p.sgId + "|" + p.sgRuleId + "|" + p.direction;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        peers = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("peers", IpAddressType.INSTANCE, Types.BOOLEAN));
        tally = TallyAccumulator.part(getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        if (tally != null) {
            tally.publish();
        }
        super.close();
    }

    @Override
    protected long eventSeconds(RuleUsagePartial p) {
        return p.windowStart;
    }

    @Override
    protected RuleUsageRow create(RuleUsagePartial p, long windowStart) {
        RuleUsageRow u = new RuleUsageRow();
        u.windowStart = windowStart;
        u.windowEnd = windowStart + windowSeconds;
        u.sgId = p.sgId;
        u.sgRuleId = p.sgRuleId;
        u.direction = p.direction;
        tally.tally().ruleUsed(p.sgRuleId);
        return u;
    }

    @Override
    protected void add(RuleUsageRow u, RuleUsagePartial p) throws Exception {
        u.flows += p.flows;
        u.packets += p.packets;
        u.bytes += p.bytes;
        for (IpAddress peer : p.peers) {
            if (!peers.contains(peer)) {
                peers.put(peer, Boolean.TRUE);
                u.distinctPeers++;
            }
        }
    }

    @Override
    protected void markLate(RuleUsageRow u) {
        u.late = true;
    }

    @Override
    protected void beforeEmit(RuleUsageRow u) {
        peers.clear();
    }
}
