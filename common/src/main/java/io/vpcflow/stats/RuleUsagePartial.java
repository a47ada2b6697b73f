package io.vpcflow.stats;

import io.vpcflow.net.IpAddress;
import io.vpcflow.verdict.Direction;

/** What {@link RuleUsageCombiner} sends across the shuffle: one rule's traffic in a window so far. A Flink POJO. */
public class RuleUsagePartial {
    public long windowStart;
    public String sgId;
    public String sgRuleId;
    public Direction direction;
    public long flows;
    public long packets;
    public long bytes;
    /** The distinct remote addresses seen, so distinct counts stay exact after the partials meet. */
    public IpAddress[] peers;
    /** The peers while the partial is being summed; not sent (transient). */
    transient DistinctPeers seen;

    public RuleUsagePartial() {}
}
