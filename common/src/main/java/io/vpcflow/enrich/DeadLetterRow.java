package io.vpcflow.enrich;

import io.vpcflow.flowlog.DeadLetter;

/** A dead letter as the {@code dead_letters} table holds it. A Flink POJO. */
public class DeadLetterRow {
    public String source;
    public long lineNumber;
    public String raw;
    public String reason;
    public String detail;
    /** When the job read it, epoch milliseconds. */
    public long ingestTime;

    public DeadLetterRow() {}

    public static DeadLetterRow of(DeadLetter d, long ingestTime) {
        DeadLetterRow row = new DeadLetterRow();
        row.source = d.source();
        row.lineNumber = d.lineNumber();
        row.raw = d.raw();
        row.reason = d.reason().code();
        row.detail = d.detail();
        row.ingestTime = ingestTime;
        return row;
    }
}
