package io.vpcflow.jobs.sink;

import static io.vpcflow.net.IpAddress.textOf;
import static io.vpcflow.text.Coded.codeOf;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.format.parquet.ColumnsReader;
import java.util.List;

/**
 * Reads the {@code flows} columns that every row has (all but the guarded fields of custom formats, lists and
 * maps) out of a batch of rows in one pass: a field read per value instead of a getter call. The getters in
 * {@link OutputTables} stay the definition: a test checks that a file written through this reader is, byte for
 * byte, the file written through them.
 */
final class FlowColumns implements ColumnsReader<FlowRow> {
    private static final long serialVersionUID = 1L;

    private static final List<String> COLUMNS = List.of(
            FlowField.VERSION.columnName(),
            FlowField.ACCOUNT_ID.columnName(),
            FlowField.INTERFACE_ID.columnName(),
            FlowField.SRCADDR.columnName(),
            FlowField.DSTADDR.columnName(),
            FlowField.SRCPORT.columnName(),
            FlowField.DSTPORT.columnName(),
            FlowField.PROTOCOL.columnName(),
            FlowField.PACKETS.columnName(),
            FlowField.BYTES.columnName(),
            FlowField.START.columnName(),
            FlowField.END.columnName(),
            FlowField.ACTION.columnName(),
            FlowField.LOG_STATUS.columnName(),
            FlowField.VPC_ID.columnName(),
            FlowField.SUBNET_ID.columnName(),
            FlowField.TCP_FLAGS.columnName(),
            FlowField.PKT_SRCADDR.columnName(),
            FlowField.PKT_DSTADDR.columnName(),
            FlowField.PKT_SRC_AWS_SERVICE.columnName(),
            FlowField.PKT_DST_AWS_SERVICE.columnName(),
            FlowField.FLOW_DIRECTION.columnName(),
            "source",
            "line_number",
            "eni_owner_kind",
            "eni_owner_id",
            "eni_owner_name",
            "eni_vpc_id",
            "eni_subnet_id",
            "eni_public_ip",
            "peer_addr",
            "peer_owner_kind",
            "peer_owner_id",
            "direction",
            "initiator",
            "verdict",
            "verdict_reason",
            "sg_id",
            "sg_rule_id");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void read(Object[] rows, int count, Object[] out) {
        long[] version = (long[]) out[0];
        String[] accountId = (String[]) out[1];
        String[] interfaceId = (String[]) out[2];
        String[] srcaddr = (String[]) out[3];
        String[] dstaddr = (String[]) out[4];
        long[] srcport = (long[]) out[5];
        long[] dstport = (long[]) out[6];
        long[] protocol = (long[]) out[7];
        long[] packets = (long[]) out[8];
        long[] bytes = (long[]) out[9];
        long[] start = (long[]) out[10];
        long[] end = (long[]) out[11];
        String[] action = (String[]) out[12];
        String[] logStatus = (String[]) out[13];
        String[] vpcId = (String[]) out[14];
        String[] subnetId = (String[]) out[15];
        long[] tcpFlags = (long[]) out[16];
        String[] pktSrcaddr = (String[]) out[17];
        String[] pktDstaddr = (String[]) out[18];
        String[] pktSrcAwsService = (String[]) out[19];
        String[] pktDstAwsService = (String[]) out[20];
        String[] flowDirection = (String[]) out[21];
        String[] source = (String[]) out[22];
        long[] lineNumber = (long[]) out[23];
        String[] eniOwnerKind = (String[]) out[24];
        String[] eniOwnerId = (String[]) out[25];
        String[] eniOwnerName = (String[]) out[26];
        String[] eniVpcId = (String[]) out[27];
        String[] eniSubnetId = (String[]) out[28];
        String[] eniPublicIp = (String[]) out[29];
        String[] peerAddr = (String[]) out[30];
        String[] peerOwnerKind = (String[]) out[31];
        String[] peerOwnerId = (String[]) out[32];
        String[] direction = (String[]) out[33];
        String[] initiator = (String[]) out[34];
        String[] verdict = (String[]) out[35];
        String[] verdictReason = (String[]) out[36];
        String[] sgId = (String[]) out[37];
        String[] sgRuleId = (String[]) out[38];
        for (int r = 0; r < count; r++) {
            FlowRow row = (FlowRow) rows[r];
            version[r] = row.version;
            accountId[r] = row.accountId;
            interfaceId[r] = row.interfaceId;
            srcaddr[r] = textOf(row.srcaddr);
            dstaddr[r] = textOf(row.dstaddr);
            srcport[r] = row.srcport;
            dstport[r] = row.dstport;
            protocol[r] = row.protocol;
            packets[r] = row.packets;
            bytes[r] = row.bytes;
            start[r] = row.start;
            end[r] = row.end;
            action[r] = codeOf(row.action);
            logStatus[r] = codeOf(row.logStatus);
            vpcId[r] = row.vpcId;
            subnetId[r] = row.subnetId;
            tcpFlags[r] = row.tcpFlags;
            pktSrcaddr[r] = textOf(row.pktSrcaddr);
            pktDstaddr[r] = textOf(row.pktDstaddr);
            pktSrcAwsService[r] = row.pktSrcAwsService;
            pktDstAwsService[r] = row.pktDstAwsService;
            flowDirection[r] = row.flowDirection;
            source[r] = row.source;
            lineNumber[r] = row.lineNumber;
            eniOwnerKind[r] = codeOf(row.eniOwnerKind);
            eniOwnerId[r] = row.eniOwnerId;
            eniOwnerName[r] = row.eniOwnerName;
            eniVpcId[r] = row.eniVpcId;
            eniSubnetId[r] = row.eniSubnetId;
            eniPublicIp[r] = textOf(row.eniPublicIp);
            peerAddr[r] = textOf(row.peerAddr);
            peerOwnerKind[r] = codeOf(row.peerOwnerKind);
            peerOwnerId[r] = row.peerOwnerId;
            direction[r] = codeOf(row.direction);
            initiator[r] = codeOf(row.initiator);
            verdict[r] = codeOf(row.verdict);
            verdictReason[r] = codeOf(row.verdictReason);
            sgId[r] = row.sgId;
            sgRuleId[r] = row.sgRuleId;
        }
    }
}
