package io.vpcflow.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.net.IpAddress;
import io.vpcflow.text.TextCache;

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
    /** Every other field the record carries, known or not, by the name AWS uses; null when there are none. */
    public String[] otherNames;
    public String[] otherValues;

    // Enrichment.
    public String eniVpcId;
    public String eniSubnetId;
    /** The interface's public IPv4 address: it is reachable from the internet. */
    public String eniPublicIp;
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

    /**
     * The parsed addresses, so enrichment in the same chain need not parse their text again. Not part of
     * the POJO (transient): null after a shuffle, where enrichment parses the text.
     */
    public transient IpAddress srcIp;
    public transient IpAddress dstIp;
    public transient IpAddress pktSrcIp;
    public transient IpAddress pktDstIp;
    /** The remote address once enriched; its text is {@link #peerAddr} when the row has address texts. */
    public transient IpAddress peerIp;

    public FlowRow() {
    }

    /**
     * Copies what the pipeline needs out of a parsed record (which is reused after this returns), taking ids
     * and addresses seen on earlier lines from {@code texts}: a reader's records then share one String per
     * repeated id instead of a new one each.
     */
    public static FlowRow of(MutableFlowRecord r, String source, long lineNumber, TextCache texts) {
        FlowRow row = new FlowRow();
        row.read(r, source, lineNumber, texts, true);
        return row;
    }

    /**
     * Sets every field from a parsed record, as {@link #of} does for a new row, and clears the enrichment: a
     * reader that sums rows itself reuses one row for all of them.
     *
     * @param addressText whether to make the addresses' texts too; a reader that sums rows itself needs only
     *                    the parsed addresses (it adds the texts, {@link #addAddressText}, to a row it hands on)
     */
    public void read(MutableFlowRecord r, String source, long lineNumber, TextCache texts, boolean addressText) {
        this.source = source;
        this.lineNumber = lineNumber;
        version = r.has(FlowField.VERSION) ? r.getInt(FlowField.VERSION) : -1;
        accountId = r.getString(FlowField.ACCOUNT_ID, texts);
        interfaceId = r.getString(FlowField.INTERFACE_ID, texts);
        srcIp = r.getAddress(FlowField.SRCADDR);
        dstIp = r.getAddress(FlowField.DSTADDR);
        srcport = intOr(r, FlowField.SRCPORT);
        dstport = intOr(r, FlowField.DSTPORT);
        protocol = intOr(r, FlowField.PROTOCOL);
        packets = longOr(r, FlowField.PACKETS);
        bytes = longOr(r, FlowField.BYTES);
        start = longOr(r, FlowField.START);
        end = longOr(r, FlowField.END);
        Action a = r.action();
        action = a == null ? null : a.name();
        LogStatus s = r.logStatus();
        logStatus = s == null ? null : s.name();
        vpcId = r.getString(FlowField.VPC_ID, texts);
        subnetId = r.getString(FlowField.SUBNET_ID, texts);
        tcpFlags = intOr(r, FlowField.TCP_FLAGS);
        pktSrcIp = r.getAddress(FlowField.PKT_SRCADDR);
        pktDstIp = r.getAddress(FlowField.PKT_DSTADDR);
        if (addressText) {
            addAddressText(r, texts);
        } else {
            srcaddr = null;
            dstaddr = null;
            pktSrcaddr = null;
            pktDstaddr = null;
        }
        pktSrcAwsService = r.getString(FlowField.PKT_SRC_AWS_SERVICE, texts);
        pktDstAwsService = r.getString(FlowField.PKT_DST_AWS_SERVICE, texts);
        flowDirection = r.getString(FlowField.FLOW_DIRECTION, texts);
        otherNames = null;
        otherValues = null;
        otherFields(r, this);
        clearEnrichment();
    }

    private void clearEnrichment() {
        eniVpcId = null;
        eniSubnetId = null;
        eniPublicIp = null;
        eniOwnerKind = null;
        eniOwnerId = null;
        eniOwnerName = null;
        lambdaFunctions = null;
        peerAddr = null;
        peerOwnerKind = null;
        peerOwnerId = null;
        direction = null;
        initiator = null;
        verdict = null;
        verdictReason = null;
        sgId = null;
        sgRuleId = null;
        peerIp = null;
    }

    /** Sets the texts of the record's addresses (the record this row was made from, still current). */
    public void addAddressText(MutableFlowRecord r, TextCache texts) {
        srcaddr = r.getAddressText(FlowField.SRCADDR, texts);
        dstaddr = r.getAddressText(FlowField.DSTADDR, texts);
        pktSrcaddr = r.getAddressText(FlowField.PKT_SRCADDR, texts);
        pktDstaddr = r.getAddressText(FlowField.PKT_DSTADDR, texts);
    }

    /** The fields with a typed member above; every other field goes to {@link #otherNames}. */
    static final java.util.Set<FlowField> TYPED = java.util.EnumSet.of(FlowField.VERSION, FlowField.ACCOUNT_ID,
            FlowField.INTERFACE_ID, FlowField.SRCADDR, FlowField.DSTADDR, FlowField.SRCPORT, FlowField.DSTPORT,
            FlowField.PROTOCOL, FlowField.PACKETS, FlowField.BYTES, FlowField.START, FlowField.END, FlowField.ACTION,
            FlowField.LOG_STATUS, FlowField.VPC_ID, FlowField.SUBNET_ID, FlowField.TCP_FLAGS, FlowField.PKT_SRCADDR,
            FlowField.PKT_DSTADDR, FlowField.PKT_SRC_AWS_SERVICE, FlowField.PKT_DST_AWS_SERVICE, FlowField.FLOW_DIRECTION);

    private static void otherFields(MutableFlowRecord r, FlowRow row) {
        io.vpcflow.flowlog.FlowLogFormat format = r.format();
        // Two enum-set words compared; no state shared between readers (a static memo here had readers of
        // different files overwrite each other's on every record).
        if (format.onlyFieldsIn(TYPED)) {
            return; // the default format: nothing else to copy
        }
        int n = 0;
        for (int i = 0; i < format.size(); i++) {
            FlowField f = format.field(i);
            if (f == null ? r.getExtra(format.extraIndex(i)) != null : !TYPED.contains(f) && r.has(f)) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        row.otherNames = new String[n];
        row.otherValues = new String[n];
        int k = 0;
        for (int i = 0; i < format.size(); i++) {
            FlowField f = format.field(i);
            String value = f == null ? r.getExtra(format.extraIndex(i)) : TYPED.contains(f) ? null : r.getString(f);
            if (value != null) {
                row.otherNames[k] = format.names().get(i);
                row.otherValues[k] = f != null && f.type() == io.vpcflow.flowlog.FieldType.ADDRESS
                        ? r.getAddress(f).toString() : value;
                k++;
            }
        }
    }

    /** The text of another field by its AWS name, or null. */
    public String other(String name) {
        if (otherNames != null) {
            for (int i = 0; i < otherNames.length; i++) {
                if (otherNames[i].equals(name)) {
                    return otherValues[i];
                }
            }
        }
        return null;
    }

    /** Event time in epoch seconds: the end of the capture window, else its start. */
    public long eventTime() {
        return end >= 0 ? end : Math.max(start, 0);
    }

    private static int intOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getInt(f) : -1;
    }

    private static long longOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getLong(f) : -1;
    }
}
