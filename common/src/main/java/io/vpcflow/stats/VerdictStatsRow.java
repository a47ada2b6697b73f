package io.vpcflow.stats;

import io.vpcflow.flowlog.Action;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.util.List;

/** One row of {@code verdict_stats}: flows, packets and bytes per window and dimensions. A Flink POJO. */
public class VerdictStatsRow {
    /** The table's dimensions, in column order: the one list of them (see {@link Dimension}). */
    public static final List<Dimension<VerdictStatsRow>> DIMENSIONS = List.of(
            Dimension.text("account_id", r -> r.accountId, (r, v) -> r.accountId = v),
            Dimension.text("vpc_id", r -> r.vpcId, (r, v) -> r.vpcId = v),
            Dimension.text("interface_id", r -> r.interfaceId, (r, v) -> r.interfaceId = v),
            Dimension.coded("eni_owner_kind", OwnerKind.class, r -> r.eniOwnerKind, (r, v) -> r.eniOwnerKind = v),
            Dimension.text("eni_owner_id", r -> r.eniOwnerId, (r, v) -> r.eniOwnerId = v),
            Dimension.coded("direction", Direction.class, r -> r.direction, (r, v) -> r.direction = v),
            Dimension.coded("action", Action.class, r -> r.action, (r, v) -> r.action = v),
            Dimension.coded("verdict", Verdict.class, r -> r.verdict, (r, v) -> r.verdict = v),
            Dimension.coded("verdict_reason", VerdictReason.class, r -> r.verdictReason, (r, v) -> r.verdictReason = v),
            Dimension.text("sg_id", r -> r.sgId, (r, v) -> r.sgId = v),
            Dimension.text("sg_rule_id", r -> r.sgRuleId, (r, v) -> r.sgRuleId = v));

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
