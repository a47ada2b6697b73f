package io.vpcflow.jobs.enrich;

/** What the source reads from one line: a flow record or a dead letter, exactly one of the two. A Flink POJO. */
public class LineItem {
    public FlowRow flow;
    public DeadLetterRow deadLetter;

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
}
