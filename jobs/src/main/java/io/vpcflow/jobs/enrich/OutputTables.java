package io.vpcflow.jobs.enrich;

import static io.vpcflow.jobs.parquet.Column.bool;
import static io.vpcflow.jobs.parquet.Column.int32;
import static io.vpcflow.jobs.parquet.Column.int64;
import static io.vpcflow.jobs.parquet.Column.int64Exact;
import static io.vpcflow.jobs.parquet.Column.string;
import static io.vpcflow.jobs.parquet.Column.stringList;

import io.vpcflow.jobs.parquet.ParquetTable;
import java.util.List;

/** The output tables and their columns. Column names are a contract: users and other tools query them. */
public final class OutputTables {
    private OutputTables() {
    }

    public static final ParquetTable<FlowRow> FLOWS = new ParquetTable<>("flows", List.of(
            string("source", r -> r.source), int64("line_number", r -> r.lineNumber),
            int32("version", r -> r.version), string("account_id", r -> r.accountId),
            string("interface_id", r -> r.interfaceId), string("srcaddr", r -> r.srcaddr),
            string("dstaddr", r -> r.dstaddr), int32("srcport", r -> r.srcport), int32("dstport", r -> r.dstport),
            int32("protocol", r -> r.protocol), int64("packets", r -> r.packets), int64("bytes", r -> r.bytes),
            int64("start", r -> r.start), int64("end", r -> r.end), string("action", r -> r.action),
            string("log_status", r -> r.logStatus), string("vpc_id", r -> r.vpcId), string("subnet_id", r -> r.subnetId),
            int32("tcp_flags", r -> r.tcpFlags), string("pkt_srcaddr", r -> r.pktSrcaddr),
            string("pkt_dstaddr", r -> r.pktDstaddr), string("pkt_src_aws_service", r -> r.pktSrcAwsService),
            string("pkt_dst_aws_service", r -> r.pktDstAwsService), string("flow_direction", r -> r.flowDirection),
            string("eni_owner_kind", r -> r.eniOwnerKind), string("eni_owner_id", r -> r.eniOwnerId),
            string("eni_owner_name", r -> r.eniOwnerName), stringList("lambda_functions",
                    r -> r.lambdaFunctions == null ? null : List.of(r.lambdaFunctions.split(","))),
            string("peer_addr", r -> r.peerAddr), string("peer_owner_kind", r -> r.peerOwnerKind),
            string("peer_owner_id", r -> r.peerOwnerId), string("direction", r -> r.direction),
            string("initiator", r -> r.initiator), string("verdict", r -> r.verdict),
            string("verdict_reason", r -> r.verdictReason), string("sg_id", r -> r.sgId),
            string("sg_rule_id", r -> r.sgRuleId)));

    public static final ParquetTable<VerdictStatsRow> VERDICT_STATS = new ParquetTable<>("verdict_stats", List.of(
            int64Exact("window_start", r -> r.windowStart), int64Exact("window_end", r -> r.windowEnd),
            string("account_id", r -> r.accountId), string("vpc_id", r -> r.vpcId),
            string("interface_id", r -> r.interfaceId), string("eni_owner_kind", r -> r.eniOwnerKind),
            string("eni_owner_id", r -> r.eniOwnerId), string("direction", r -> r.direction),
            string("action", r -> r.action), string("verdict", r -> r.verdict),
            string("verdict_reason", r -> r.verdictReason), string("sg_id", r -> r.sgId),
            string("sg_rule_id", r -> r.sgRuleId), int64Exact("flows", r -> r.flows),
            int64Exact("packets", r -> r.packets), int64Exact("bytes", r -> r.bytes), bool("late", r -> r.late)));

    public static final ParquetTable<RuleUsageRow> RULE_USAGE = new ParquetTable<>("rule_usage", List.of(
            int64Exact("window_start", r -> r.windowStart), int64Exact("window_end", r -> r.windowEnd),
            string("sg_id", r -> r.sgId), string("sg_rule_id", r -> r.sgRuleId), string("direction", r -> r.direction),
            int64Exact("flows", r -> r.flows), int64Exact("packets", r -> r.packets), int64Exact("bytes", r -> r.bytes),
            int64Exact("distinct_peers", r -> r.distinctPeers), bool("late", r -> r.late)));

    public static final ParquetTable<EniRow> ENIS = new ParquetTable<>("enis", List.of(
            int64Exact("snapshot_time", r -> r.snapshotTime), string("interface_id", r -> r.interfaceId),
            string("account_id", r -> r.accountId), string("owner_kind", r -> r.ownerKind),
            string("owner_id", r -> r.ownerId), string("owner_name", r -> r.ownerName),
            stringList("lambda_functions", r -> r.lambdaFunctions == null ? null : List.of(r.lambdaFunctions.split(","))),
            bool("lambda_partial", r -> r.lambdaPartial), string("vpc_id", r -> r.vpcId),
            string("subnet_id", r -> r.subnetId), string("availability_zone", r -> r.availabilityZone),
            stringList("private_addresses", r -> splitOrEmpty(r.privateAddresses)), string("public_ip", r -> r.publicIp),
            stringList("security_groups", r -> splitOrEmpty(r.securityGroups)),
            string("interface_type", r -> r.interfaceType), string("description", r -> r.description)));

    public static final ParquetTable<SgRuleRow> SG_RULES = new ParquetTable<>("sg_rules", List.of(
            int64Exact("snapshot_time", r -> r.snapshotTime), string("sg_id", r -> r.sgId), string("sg_name", r -> r.sgName),
            string("vpc_id", r -> r.vpcId), string("sg_rule_id", r -> r.sgRuleId), string("direction", r -> r.direction),
            string("protocol", r -> r.protocol), int32("from_port", r -> r.fromPort),
            int32("to_port", r -> r.toPort), string("cidr_ipv4", r -> r.cidrIpv4),
            string("cidr_ipv6", r -> r.cidrIpv6), string("prefix_list_id", r -> r.prefixListId),
            string("referenced_group_id", r -> r.referencedGroupId), string("description", r -> r.description)));

    public static final ParquetTable<DeadLetterRow> DEAD_LETTERS = new ParquetTable<>("dead_letters", List.of(
            string("source", r -> r.source), int64("line_number", r -> r.lineNumber), string("raw", r -> r.raw),
            string("reason", r -> r.reason), string("detail", r -> r.detail),
            int64Exact("ingest_time", r -> r.ingestTime)));

    private static List<String> splitOrEmpty(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
