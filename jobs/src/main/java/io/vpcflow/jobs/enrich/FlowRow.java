package io.vpcflow.jobs.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.flowlog.MutableFlowRecord;

/**
 * One flow record on its way through the job: the fields the pipeline reads, and, once enriched, who
 * owns each end and what security-group intent says. A Flink POJO (public fields, no-arg constructor).
 * Absent numbers are -1, absent text null.
 */
public class FlowRow {
    public String source;
    public long lineNumber;

    public int version = -1;
    public String accountId;
    public String interfaceId;
    public String srcaddr;
    public String dstaddr;
    public int srcport = -1;
    public int dstport = -1;
    public int protocol = -1;
    public long packets = -1;
    public long bytes = -1;
    public long start = -1;
    public long end = -1;
    public String action;
    public String logStatus;
    public String vpcId;
    public String subnetId;
    public int tcpFlags = -1;
    public String pktSrcaddr;
    public String pktDstaddr;
    public String pktSrcAwsService;
    public String pktDstAwsService;
    public String flowDirection;

    // Enrichment.
    public String eniOwnerKind;
    public String eniOwnerId;
    public String eniOwnerName;
    public String lambdaFunctions;
    public String peerAddr;
    public String peerOwnerKind;
    public String peerOwnerId;
    public String direction;
    public String initiator;
    public String verdict;
    public String verdictReason;
    public String sgId;
    public String sgRuleId;

    public FlowRow() {
    }

    /** Copies what the pipeline needs out of a parsed record (which is reused after this returns). */
    public static FlowRow of(MutableFlowRecord r, String source, long lineNumber) {
        FlowRow row = new FlowRow();
        row.source = source;
        row.lineNumber = lineNumber;
        row.version = r.has(FlowField.VERSION) ? r.getInt(FlowField.VERSION) : -1;
        row.accountId = r.getString(FlowField.ACCOUNT_ID);
        row.interfaceId = r.getString(FlowField.INTERFACE_ID);
        row.srcaddr = address(r, FlowField.SRCADDR);
        row.dstaddr = address(r, FlowField.DSTADDR);
        row.srcport = intOr(r, FlowField.SRCPORT);
        row.dstport = intOr(r, FlowField.DSTPORT);
        row.protocol = intOr(r, FlowField.PROTOCOL);
        row.packets = longOr(r, FlowField.PACKETS);
        row.bytes = longOr(r, FlowField.BYTES);
        row.start = longOr(r, FlowField.START);
        row.end = longOr(r, FlowField.END);
        Action a = r.action();
        row.action = a == null ? null : a.name();
        LogStatus s = r.logStatus();
        row.logStatus = s == null ? null : s.name();
        row.vpcId = r.getString(FlowField.VPC_ID);
        row.subnetId = r.getString(FlowField.SUBNET_ID);
        row.tcpFlags = intOr(r, FlowField.TCP_FLAGS);
        row.pktSrcaddr = address(r, FlowField.PKT_SRCADDR);
        row.pktDstaddr = address(r, FlowField.PKT_DSTADDR);
        row.pktSrcAwsService = r.getString(FlowField.PKT_SRC_AWS_SERVICE);
        row.pktDstAwsService = r.getString(FlowField.PKT_DST_AWS_SERVICE);
        row.flowDirection = r.getString(FlowField.FLOW_DIRECTION);
        return row;
    }

    /** Event time in epoch seconds: the end of the capture window, else its start. */
    public long eventTime() {
        return end >= 0 ? end : Math.max(start, 0);
    }

    private static String address(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getAddress(f).toString() : null;
    }

    private static int intOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getInt(f) : -1;
    }

    private static long longOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getLong(f) : -1;
    }
}
