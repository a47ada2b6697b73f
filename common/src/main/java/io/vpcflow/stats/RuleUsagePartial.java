package io.vpcflow.stats;

/** What {@link RuleUsageCombiner} sends across the shuffle: one rule's traffic in a window so far. A Flink POJO. */
public class RuleUsagePartial {
    public long windowStart;
    public String sgId;
    public String sgRuleId;
    public String direction;
    public long flows;
    public long packets;
    public long bytes;
    /** The distinct remote addresses seen, so distinct counts stay exact after the partials meet. */
    public String[] peers;
    /** The peers while the partial is being summed; not sent (transient). */
    transient DistinctPeers seen;

    public RuleUsagePartial() {
    }
}
