package io.vpcflow.stats;

import io.vpcflow.verdict.Direction;

/** One row of {@code rule_usage}: the traffic one security-group rule allowed in a window. A Flink POJO. */
public class RuleUsageRow {
    public long windowStart;
    public long windowEnd;
    public String sgId;
    public String sgRuleId;
    public Direction direction;
    public long flows;
    public long packets;
    public long bytes;
    /** Distinct remote addresses in the window (for a correction row: in that correction). */
    public long distinctPeers;

    public boolean late;

    public RuleUsageRow() {}
}
