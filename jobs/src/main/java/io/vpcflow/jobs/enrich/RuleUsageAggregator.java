package io.vpcflow.jobs.enrich;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * {@code rule_usage}: per window and matched rule, the flows, packets, bytes and distinct peers it
 * allowed, so "rules never used in 30 days" is one query against the inventory's {@code sg_rules}.
 */
public final class RuleUsageAggregator extends WindowAggregator<FlowRow, RuleUsageRow> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, Boolean> peers;

    public RuleUsageAggregator(long windowSeconds, long latenessSeconds) {
        super(windowSeconds, latenessSeconds, RuleUsageRow.class);
    }

    /** Whether a record counts toward a rule: a rule of a group matched it. */
    public static boolean usesARule(FlowRow r) {
        return r.sgId != null;
    }

    public static String key(FlowRow r, long windowSeconds) {
        return windowStart(r.eventTime(), windowSeconds) + "|" + r.sgId + "|" + r.sgRuleId + "|" + r.direction;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        peers = getRuntimeContext().getMapState(new MapStateDescriptor<>("peers", Types.STRING, Types.BOOLEAN));
    }

    @Override
    protected long eventSeconds(FlowRow r) {
        return r.eventTime();
    }

    @Override
    protected RuleUsageRow create(FlowRow r, long windowStart) {
        RuleUsageRow u = new RuleUsageRow();
        u.windowStart = windowStart;
        u.windowEnd = windowStart + windowSeconds;
        u.sgId = r.sgId;
        u.sgRuleId = r.sgRuleId;
        u.direction = r.direction;
        return u;
    }

    @Override
    protected void add(RuleUsageRow u, FlowRow r) throws Exception {
        u.flows++;
        u.packets += Math.max(r.packets, 0);
        u.bytes += Math.max(r.bytes, 0);
        if (r.peerAddr != null && !peers.contains(r.peerAddr)) {
            peers.put(r.peerAddr, Boolean.TRUE);
            u.distinctPeers++;
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
