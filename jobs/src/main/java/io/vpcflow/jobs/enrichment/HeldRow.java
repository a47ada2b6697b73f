package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;

/** A record waiting for its inventory, and since when (processing time, ms). A Flink POJO. */
public class HeldRow {
    public FlowRow row;
    public long since;

    public HeldRow() {}
}
