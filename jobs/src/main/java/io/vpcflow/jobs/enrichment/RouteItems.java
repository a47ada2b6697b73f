package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.TallyAccumulator;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.VerdictStatsRow;
import io.vpcflow.verdict.Verdict;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends batches of records on, dead letters to a side output, and the partial sums of files a reader summed
 * itself to two more; counting all of them (summed records count as the records they are).
 */
public final class RouteItems extends ProcessFunction<LineItem, FlowRow[]> {
    private static final long serialVersionUID = 1L;

    /** The side output of lines that are not records. */
    public static final OutputTag<DeadLetterRow> DEAD_LETTERS = new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    /** Partial {@code verdict_stats} rows a reader summed. */
    public static final OutputTag<VerdictStatsRow> VERDICT_PARTIALS = new OutputTag<>("verdict-partials") {
        private static final long serialVersionUID = 1L;
    };

    /** Partial {@code rule_usage} rows a reader summed. */
    public static final OutputTag<RuleUsagePartial> RULE_PARTIALS = new OutputTag<>("rule-partials") {
        private static final long serialVersionUID = 1L;
    };

    private transient Counter records;
    private transient Counter deadLetters;
    private transient Counter files;
    private transient Counter unattributed;
    private transient Map<Verdict, Counter> verdicts;
    private transient String lastSource;
    private transient TallyAccumulator.Part tally;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        records = Counters.counter(getRuntimeContext(), "recordsIn");
        deadLetters = Counters.counter(getRuntimeContext(), "deadLetters");
        files = Counters.counter(getRuntimeContext(), "filesStarted");
        unattributed = Counters.counter(getRuntimeContext(), "unattributed");
        // The names the enrichment operators count under, so both paths add up in one total.
        verdicts = Counters.verdicts(getRuntimeContext());
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
    public void processElement(LineItem item, Context ctx, Collector<FlowRow[]> out) {
        // A reader hands on a file's items together, so a new source means a new file (for progress).
        String source = item.source();
        if (source != null && !source.equals(lastSource)) {
            lastSource = source;
            files.inc();
        }
        if (item.flows != null) {
            records.inc(item.flows.length);
            out.collect(item.flows);
        } else if (item.deadLetter != null) {
            deadLetters.inc();
            tally.tally().deadLetter(item.deadLetter.reason);
            ctx.output(DEAD_LETTERS, item.deadLetter);
        } else {
            for (VerdictStatsRow p : item.verdictPartials) {
                records.inc(p.flows);
                tally.tally().add(p);
                verdicts.get(p.verdict).inc(p.flows);
                if (p.eniOwnerKind == null) {
                    unattributed.inc(p.flows);
                }
                ctx.output(VERDICT_PARTIALS, p);
            }
            for (RuleUsagePartial p : item.rulePartials) {
                ctx.output(RULE_PARTIALS, p);
            }
        }
    }
}
