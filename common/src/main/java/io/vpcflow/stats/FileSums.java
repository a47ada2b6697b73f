package io.vpcflow.stats;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.verdict.Initiator;
import java.util.ArrayList;
import java.util.List;

/**
 * One file's partial sums, made where it is read: each record is attributed, judged and added to the
 * {@code verdict_stats} and {@code rule_usage} partials of its window, as the job's combiners add the records
 * that pass through the job.
 */
public final class FileSums {
    private final LoadedInventory inventory;
    private final RowEnricher.FunctionNames functionNames = new RowEnricher.FunctionNames();
    private final VerdictStatsSums stats;
    private final RuleUsageSums rules;

    /** The sums of one file: what both tables hold of it. */
    public record Partials(VerdictStatsRow[] verdictStats, RuleUsagePartial[] ruleUsage) {}

    public FileSums(LoadedInventory inventory, long windowSeconds) {
        this.inventory = inventory;
        this.stats = new VerdictStatsSums(windowSeconds);
        this.rules = new RuleUsageSums(windowSeconds);
    }

    /** Enriches and sums the record; false when it needs connection state and must be handed on instead. */
    public boolean add(FlowRow row) {
        if (RowEnricher.needsConnectionState(row)) {
            return false;
        }
        RowEnricher.enrich(row, inventory.timeline(), inventory.evaluator(), Initiator.UNKNOWN, functionNames);
        stats.add(row);
        rules.add(row);
        return true;
    }

    /** Every partial, or null when no record was summed. */
    public Partials end() {
        List<VerdictStatsRow> s = new ArrayList<>();
        stats.emitAll((p, ts) -> s.add(p));
        List<RuleUsagePartial> r = new ArrayList<>();
        rules.emitAll((p, ts) -> r.add(p));
        return s.isEmpty() ? null : new Partials(s.toArray(new VerdictStatsRow[0]), r.toArray(new RuleUsagePartial[0]));
    }
}
