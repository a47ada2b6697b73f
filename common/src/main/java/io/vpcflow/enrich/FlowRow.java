package io.vpcflow.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.ColumnBatch;
import io.vpcflow.flowlog.FieldType;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Flow;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * One flow record on its way through the job: the fields the pipeline reads, and, once enriched, who
 * owns each end and what security-group intent says. Every value has its type from the parser to the writer
 * (enums, addresses, arrays, numbers); text is made once, by whatever writes the row out. Public fields and a
 * no-arg constructor; the job gives it a Flink type of its own, in the bytes {@link FlowRowBinary} writes. Absent
 * numbers are -1, absent values null.
 */
public class FlowRow implements Flow, Cloneable {
    public String source;
    public long lineNumber;

    public int version = -1;
    public String accountId;
    public String interfaceId;
    public IpAddress srcaddr;
    public IpAddress dstaddr;
    public int srcport = -1;
    public int dstport = -1;
    public int protocol = -1;
    public long packets = -1;
    public long bytes = -1;
    public long start = -1;
    public long end = -1;
    public Action action;
    public LogStatus logStatus;
    public String vpcId;
    public String subnetId;
    public int tcpFlags = -1;
    public IpAddress pktSrcaddr;
    public IpAddress pktDstaddr;
    public String pktSrcAwsService;
    public String pktDstAwsService;
    public String flowDirection;
    /**
     * Every other field the record carries, known or not, by the name AWS uses; null when there are none. A
     * number's value is in {@link #otherNumbers} (its text null), anything else's in {@link #otherValues}.
     */
    public String[] otherNames;

    public String[] otherValues;
    public long[] otherNumbers;

    // Enrichment.
    public String eniVpcId;
    public String eniSubnetId;
    /** The interface's public IPv4 address: it is reachable from the internet. */
    public IpAddress eniPublicIp;

    public OwnerKind eniOwnerKind;
    public String eniOwnerId;
    public String eniOwnerName;
    /** For a Lambda interface, the functions sharing it; the array is the owner's, shared by its rows: read only. */
    public String[] lambdaFunctions;
    /** The remote address: the record's own address object, so its text is made once. */
    public IpAddress peerAddr;

    public OwnerKind peerOwnerKind;
    public String peerOwnerId;
    public Direction direction;
    public Initiator initiator;
    public Verdict verdict;
    public VerdictReason verdictReason;
    public String sgId;
    public String sgRuleId;
    /**
     * In a job whose inventory is broadcast: the inventory version the record must be attributed with at least (the
     * one in force where it was released for attribution); 0 otherwise. Not an output column.
     */
    public long inventoryVersion;

    public FlowRow() {}

    /**
     * A row with the same values, which a change to this one does not reach (its arrays are copies; the Lambda
     * functions stay the owner's, which nobody changes).
     */
    public FlowRow copy() {
        try {
            FlowRow c = (FlowRow) super.clone();
            c.otherNames = otherNames == null ? null : otherNames.clone();
            c.otherValues = otherValues == null ? null : otherValues.clone();
            c.otherNumbers = otherNumbers == null ? null : otherNumbers.clone();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e); // it is Cloneable
        }
    }

    /**
     * Copies what the pipeline needs out of a parsed record (which is reused after this returns), taking ids
     * seen on earlier lines from {@code texts}: a reader's records then share one String per repeated id
     * instead of a new one each (and the record's IPv4 addresses one object per repeated address).
     */
    public static FlowRow of(MutableFlowRecord r, String source, long lineNumber, TextCache texts) {
        FlowRow row = new FlowRow();
        row.read(r, source, lineNumber, texts);
        return row;
    }

    /**
     * Sets every field from a parsed record, as {@link #of} does for a new row, and clears the enrichment: a
     * reader that sums rows itself reuses one row for all of them.
     */
    public void read(MutableFlowRecord r, String source, long lineNumber, TextCache texts) {
        this.source = source;
        this.lineNumber = lineNumber;
        version = r.has(FlowField.VERSION) ? r.getInt(FlowField.VERSION) : -1;
        accountId = r.getString(FlowField.ACCOUNT_ID, texts);
        interfaceId = r.getString(FlowField.INTERFACE_ID, texts);
        srcaddr = r.getAddress(FlowField.SRCADDR);
        dstaddr = r.getAddress(FlowField.DSTADDR);
        srcport = intOr(r, FlowField.SRCPORT);
        dstport = intOr(r, FlowField.DSTPORT);
        protocol = intOr(r, FlowField.PROTOCOL);
        packets = longOr(r, FlowField.PACKETS);
        bytes = longOr(r, FlowField.BYTES);
        start = longOr(r, FlowField.START);
        end = longOr(r, FlowField.END);
        action = r.action();
        logStatus = r.logStatus();
        vpcId = r.getString(FlowField.VPC_ID, texts);
        subnetId = r.getString(FlowField.SUBNET_ID, texts);
        tcpFlags = intOr(r, FlowField.TCP_FLAGS);
        pktSrcaddr = r.getAddress(FlowField.PKT_SRCADDR);
        pktDstaddr = r.getAddress(FlowField.PKT_DSTADDR);
        pktSrcAwsService = r.getString(FlowField.PKT_SRC_AWS_SERVICE, texts);
        pktDstAwsService = r.getString(FlowField.PKT_DST_AWS_SERVICE, texts);
        flowDirection = r.getString(FlowField.FLOW_DIRECTION, texts);
        otherNames = null;
        otherValues = null;
        otherNumbers = null;
        otherFields(r, this);
        clearEnrichment();
    }

    /** Whether {@link #fill} can read a batch of this format: every field it has is a typed member here. */
    public static boolean canFill(FlowLogFormat format) {
        return format.onlyFieldsIn(TYPED);
    }

    private static final Action[] ACTIONS = Action.values();
    private static final LogStatus[] LOG_STATUSES = LogStatus.values();

    /**
     * Sets every field of {@code rows[0, n)} from rows 0 to n-1 of a batch ({@link #canFill} its format), as
     * {@link #read} does from a record, a column at a time: each column's values are read in one pass over the rows,
     * and a dictionary entry's text or address is made once for all the rows that hold it. Rows the batch names as
     * failures get values too, to be passed over.
     *
     * @param firstLine the line (row) number of row 0
     */
    public static void fill(ColumnBatch b, FlowRow[] rows, int n, String source, long firstLine, TextCache texts) {
        for (int r = 0; r < n; r++) {
            FlowRow row = rows[r];
            row.source = source;
            row.lineNumber = firstLine + r;
            row.inventoryVersion = 0;
            row.otherNames = null;
            row.otherValues = null;
            row.otherNumbers = null;
            row.clearEnrichment();
        }
        FlowLogFormat format = b.format();
        for (FlowField f : TYPED) {
            if (!format.contains(f)) {
                fillColumn(b, -1, f, rows, n, texts);
            }
        }
        for (int p = 0; p < format.size(); p++) {
            fillColumn(b, b.isSet(p) ? p : -1, format.field(p), rows, n, texts);
        }
    }

    /**
     * One field of every row from position {@code p} of the batch; absent in every row when {@code p} is -1. The
     * batch resolves the column's values in one loop of its own per kind of value (number, address, text), so the
     * loops here only store them.
     */
    private static void fillColumn(ColumnBatch b, int p, FlowField f, FlowRow[] rows, int n, TextCache texts) {
        switch (f) {
            case VERSION -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].version = (int) v[r];
                }
            }
            case SRCPORT -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].srcport = (int) v[r];
                }
            }
            case DSTPORT -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].dstport = (int) v[r];
                }
            }
            case PROTOCOL -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].protocol = (int) v[r];
                }
            }
            case TCP_FLAGS -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].tcpFlags = (int) v[r];
                }
            }
            case PACKETS -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].packets = v[r];
                }
            }
            case BYTES -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].bytes = v[r];
                }
            }
            case START -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].start = v[r];
                }
            }
            case END -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].end = v[r];
                }
            }
            case ACTION -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].action = v[r] < 0 ? null : ACTIONS[(int) v[r]];
                }
            }
            case LOG_STATUS -> {
                long[] v = b.numbersOr(p, n, -1);
                for (int r = 0; r < n; r++) {
                    rows[r].logStatus = v[r] < 0 ? null : LOG_STATUSES[(int) v[r]];
                }
            }
            case SRCADDR -> {
                IpAddress[] v = b.addresses(p, n);
                for (int r = 0; r < n; r++) {
                    rows[r].srcaddr = v[r];
                }
            }
            case DSTADDR -> {
                IpAddress[] v = b.addresses(p, n);
                for (int r = 0; r < n; r++) {
                    rows[r].dstaddr = v[r];
                }
            }
            case PKT_SRCADDR -> {
                IpAddress[] v = b.addresses(p, n);
                for (int r = 0; r < n; r++) {
                    rows[r].pktSrcaddr = v[r];
                }
            }
            case PKT_DSTADDR -> {
                IpAddress[] v = b.addresses(p, n);
                for (int r = 0; r < n; r++) {
                    rows[r].pktDstaddr = v[r];
                }
            }
            case ACCOUNT_ID -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].accountId = v[r];
                }
            }
            case INTERFACE_ID -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].interfaceId = v[r];
                }
            }
            case VPC_ID -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].vpcId = v[r];
                }
            }
            case SUBNET_ID -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].subnetId = v[r];
                }
            }
            case PKT_SRC_AWS_SERVICE -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].pktSrcAwsService = v[r];
                }
            }
            case PKT_DST_AWS_SERVICE -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].pktDstAwsService = v[r];
                }
            }
            case FLOW_DIRECTION -> {
                String[] v = b.texts(p, n, texts);
                for (int r = 0; r < n; r++) {
                    rows[r].flowDirection = v[r];
                }
            }
            default -> throw new IllegalArgumentException("no member for " + f);
        }
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
    }

    /** The fields with a typed member above; every other field goes to {@link #otherNames}. */
    static final Set<FlowField> TYPED = EnumSet.of(
            FlowField.VERSION,
            FlowField.ACCOUNT_ID,
            FlowField.INTERFACE_ID,
            FlowField.SRCADDR,
            FlowField.DSTADDR,
            FlowField.SRCPORT,
            FlowField.DSTPORT,
            FlowField.PROTOCOL,
            FlowField.PACKETS,
            FlowField.BYTES,
            FlowField.START,
            FlowField.END,
            FlowField.ACTION,
            FlowField.LOG_STATUS,
            FlowField.VPC_ID,
            FlowField.SUBNET_ID,
            FlowField.TCP_FLAGS,
            FlowField.PKT_SRCADDR,
            FlowField.PKT_DSTADDR,
            FlowField.PKT_SRC_AWS_SERVICE,
            FlowField.PKT_DST_AWS_SERVICE,
            FlowField.FLOW_DIRECTION);

    private static void otherFields(MutableFlowRecord r, FlowRow row) {
        FlowLogFormat format = r.format();
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
        row.otherNumbers = new long[n];
        int k = 0;
        for (int i = 0; i < format.size(); i++) {
            FlowField f = format.field(i);
            if (f == null) {
                String extra = r.getExtra(format.extraIndex(i));
                if (extra == null) {
                    continue;
                }
                row.otherValues[k] = extra;
            } else if (TYPED.contains(f) || !r.has(f)) {
                continue;
            } else if (f.type() == FieldType.INT || f.type() == FieldType.LONG) {
                row.otherNumbers[k] = r.getLong(f);
            } else {
                row.otherValues[k] = r.getString(f); // every address field has a member above
            }
            row.otherNames[k] = format.names().get(i);
            k++;
        }
    }

    /** The index of another field in {@link #otherNames} by its AWS name, or -1. */
    private int otherIndex(String name) {
        if (otherNames != null) {
            for (int i = 0; i < otherNames.length; i++) {
                if (otherNames[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The text of another field by its AWS name, or null (also for a number: {@link #otherNumber}). */
    public String other(String name) {
        int i = otherIndex(name);
        return i < 0 ? null : otherValues[i];
    }

    /** The value of another number field by its AWS name, or -1 when the record has none. */
    public long otherNumber(String name) {
        int i = otherIndex(name);
        return i < 0 || otherValues[i] != null ? -1 : otherNumbers[i];
    }

    /** The time a record's window is placed by, in epoch seconds: the end of its capture, else its start. */
    public long windowTime() {
        return end >= 0 ? end : Math.max(start, 0);
    }

    // The facts intent judges (Flow), read from the fields.

    @Override
    public String interfaceId() {
        return interfaceId;
    }

    @Override
    public IpAddress srcaddr() {
        return srcaddr;
    }

    @Override
    public IpAddress dstaddr() {
        return dstaddr;
    }

    @Override
    public IpAddress pktSrcaddr() {
        return pktSrcaddr;
    }

    @Override
    public IpAddress pktDstaddr() {
        return pktDstaddr;
    }

    @Override
    public int srcport() {
        return srcport;
    }

    @Override
    public int dstport() {
        return dstport;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public Action action() {
        return action;
    }

    @Override
    public LogStatus logStatus() {
        return logStatus;
    }

    @Override
    public int tcpFlags() {
        return tcpFlags;
    }

    @Override
    public String flowDirection() {
        return flowDirection;
    }

    @Override
    public long start() {
        return start;
    }

    @Override
    public long end() {
        return end;
    }

    private static int intOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getInt(f) : -1;
    }

    private static long longOr(MutableFlowRecord r, FlowField f) {
        return r.has(f) ? r.getLong(f) : -1;
    }
}
