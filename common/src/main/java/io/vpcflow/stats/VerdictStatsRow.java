package io.vpcflow.stats;

/** One row of {@code verdict_stats}: flows, packets and bytes per window and dimensions. A Flink POJO. */
public class VerdictStatsRow {
    public long windowStart;
    public long windowEnd;
    public String accountId;
    public String vpcId;
    public String interfaceId;
    public String eniOwnerKind;
    public String eniOwnerId;
    public String direction;
    public String action;
    public String verdict;
    public String verdictReason;
    public String sgId;
    public String sgRuleId;
    public long flows;
    public long packets;
    public long bytes;
    /** True for a row that corrects a window already written, because records arrived after it closed. */
    public boolean late;

    public VerdictStatsRow() {
    }
}
