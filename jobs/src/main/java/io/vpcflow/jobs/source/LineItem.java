package io.vpcflow.jobs.source;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.types.FlowRowType;
import io.vpcflow.jobs.types.IpAddressType;
import io.vpcflow.stats.FileSums;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.VerdictStatsRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the source reads: a batch of flow records, a dead letter, or the partial sums of a whole file that a
 * reader summed itself ({@link ReaderAggregation}); exactly one of the three. A Flink POJO.
 *
 * <p>Records travel in batches (of one file and one event-time hour, so that a batch goes to one partition of
 * the {@code flows} table): Flink's cost per element (a stream record per output, each operator's call,
 * the watermark generator) is then paid once per batch instead of once per record.
 */
public class LineItem {
    public FlowRow[] flows;
    public DeadLetterRow deadLetter;
    /** With the partial sums: the file they came from. */
    public String partialsSource;

    public VerdictStatsRow[] verdictPartials;
    public RuleUsagePartial[] rulePartials;

    public LineItem() {}

    /** The type every source produces: rows as {@link FlowRowType}, addresses as {@link IpAddressType}. */
    public static TypeInformation<LineItem> type() {
        IpAddressType.register();
        FlowRowType.register();
        return TypeInformation.of(LineItem.class);
    }

    /** A batch of one record. */
    public static LineItem of(FlowRow flow) {
        return of(new FlowRow[] {flow});
    }

    /** A batch of records, not empty; the item keeps the array. */
    public static LineItem of(FlowRow[] flows) {
        LineItem i = new LineItem();
        i.flows = flows;
        return i;
    }

    public static LineItem of(DeadLetterRow deadLetter) {
        LineItem i = new LineItem();
        i.deadLetter = deadLetter;
        return i;
    }

    public static LineItem of(String source, FileSums.Partials partials) {
        LineItem i = new LineItem();
        i.partialsSource = source;
        i.verdictPartials = partials.verdictStats();
        i.rulePartials = partials.ruleUsage();
        return i;
    }

    /** Where the item came from. */
    public String source() {
        return flows != null ? flows[0].source : deadLetter != null ? deadLetter.source : partialsSource;
    }

    /** The item's event time in milliseconds: the latest record's or window's of partial sums, else none. */
    public long eventTimeMillis() {
        long t = Long.MIN_VALUE;
        if (flows != null) {
            for (FlowRow f : flows) {
                t = Math.max(t, f.windowTime() * 1000);
            }
            return t;
        }
        if (verdictPartials != null) {
            for (VerdictStatsRow p : verdictPartials) {
                t = Math.max(t, p.windowStart * 1000);
            }
        }
        return t;
    }
}
