package io.vpcflow.stats;

import io.vpcflow.flowlog.Action;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;

/** One row of {@code verdict_stats}: flows, packets and bytes per window and dimensions. A Flink POJO. */
public class VerdictStatsRow {
    public long windowStart;
    public long windowEnd;
    public String accountId;
    public String vpcId;
    public String interfaceId;
    public OwnerKind eniOwnerKind;
    public String eniOwnerId;
    public Direction direction;
    public Action action;
    public Verdict verdict;
    public VerdictReason verdictReason;
    public String sgId;
    public String sgRuleId;
    public long flows;
    public long packets;
    public long bytes;
    /** True for a row that corrects a window already written, because records arrived after it closed. */
    public boolean late;

    public VerdictStatsRow() {}
}
