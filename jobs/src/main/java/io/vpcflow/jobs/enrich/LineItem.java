package io.vpcflow.jobs.enrich;

/**
 * What the source reads: a flow record, a dead letter, or the partial sums of a whole file that a reader
 * summed itself ({@link ReaderAggregation}); exactly one of the three. A Flink POJO.
 */
public class LineItem {
    public FlowRow flow;
    public DeadLetterRow deadLetter;
    /** With the partial sums: the file they came from. */
    public String partialsSource;
    public VerdictStatsRow[] verdictPartials;
    public RuleUsagePartial[] rulePartials;

    public LineItem() {
    }

    public static LineItem of(FlowRow flow) {
        LineItem i = new LineItem();
        i.flow = flow;
        return i;
    }

    public static LineItem of(DeadLetterRow deadLetter) {
        LineItem i = new LineItem();
        i.deadLetter = deadLetter;
        return i;
    }

    public static LineItem of(String source, VerdictStatsRow[] verdictPartials, RuleUsagePartial[] rulePartials) {
        LineItem i = new LineItem();
        i.partialsSource = source;
        i.verdictPartials = verdictPartials;
        i.rulePartials = rulePartials;
        return i;
    }

    /** Where the item came from. */
    public String source() {
        return flow != null ? flow.source : deadLetter != null ? deadLetter.source : partialsSource;
    }

    /** The item's event time in milliseconds: a record's, the latest window of partial sums, else none. */
    public long eventTimeMillis() {
        if (flow != null) {
            return flow.eventTime() * 1000;
        }
        long t = Long.MIN_VALUE;
        if (verdictPartials != null) {
            for (VerdictStatsRow p : verdictPartials) {
                t = Math.max(t, p.windowStart * 1000);
            }
        }
        return t;
    }
}
