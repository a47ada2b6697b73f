package io.vpcflow.jobs.sink;

import static io.vpcflow.format.parquet.Column.bool;
import static io.vpcflow.format.parquet.Column.int32;
import static io.vpcflow.format.parquet.Column.int64;
import static io.vpcflow.format.parquet.Column.int64Exact;
import static io.vpcflow.format.parquet.Column.string;
import static io.vpcflow.format.parquet.Column.stringList;
import static io.vpcflow.format.parquet.Column.stringMap;
import static io.vpcflow.net.IpAddress.textOf;
import static io.vpcflow.text.Coded.codeOf;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.enrich.EniRow;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.SgRuleRow;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.format.parquet.Column;
import io.vpcflow.format.parquet.ParquetTable;
import io.vpcflow.net.IpAddress;
import io.vpcflow.stats.Dimension;
import io.vpcflow.stats.RuleUsageRow;
import io.vpcflow.stats.VerdictStatsRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output tables and their columns. Column names are a contract: users and other tools query them. */
public final class OutputTables {
    private OutputTables() {}

    /** One guard object for all the fields of custom formats, so a batch of default-format rows is tested once. */
    private static final Column.Guard<FlowRow> HAS_OTHER_FIELDS = r -> r.otherNames != null;

    /**
     * {@code flows}: a column for every field AWS defines (snake_case, in the order of {@link FlowField}),
     * {@code extra_fields} for names AWS does not define yet, then where the record came from and what
     * vpcflow made of it.
     */
    public static final ParquetTable<FlowRow> FLOWS =
            new ParquetTable<>(Table.FLOWS.tableName(), flowColumns()).withReader(new FlowColumns());

    private static List<Column<FlowRow>> flowColumns() {
        List<Column<FlowRow>> c = new ArrayList<>();
        for (FlowField f : FlowField.values()) {
            c.add(fieldColumn(f));
        }
        c.add(stringMap("extra_fields", OutputTables::extraFields).nullUnless(HAS_OTHER_FIELDS));
        c.addAll(List.of(
                string("source", r -> r.source),
                Column.<FlowRow>int64("line_number", r -> r.lineNumber).withoutDictionary(),
                string("eni_owner_kind", r -> codeOf(r.eniOwnerKind)),
                string("eni_owner_id", r -> r.eniOwnerId),
                string("eni_owner_name", r -> r.eniOwnerName),
                stringList("lambda_functions", r -> listOf(r.lambdaFunctions)),
                string("eni_vpc_id", r -> r.eniVpcId),
                string("eni_subnet_id", r -> r.eniSubnetId),
                string("eni_public_ip", r -> textOf(r.eniPublicIp)),
                string("peer_addr", r -> textOf(r.peerAddr)),
                string("peer_owner_kind", r -> codeOf(r.peerOwnerKind)),
                string("peer_owner_id", r -> r.peerOwnerId),
                string("direction", r -> codeOf(r.direction)),
                string("initiator", r -> codeOf(r.initiator)),
                string("verdict", r -> codeOf(r.verdict)),
                string("verdict_reason", r -> codeOf(r.verdictReason)),
                string("sg_id", r -> r.sgId),
                string("sg_rule_id", r -> r.sgRuleId)));
        return c;
    }

    private static Column<FlowRow> fieldColumn(FlowField f) {
        String name = f.columnName();
        return switch (f) {
            case VERSION -> int32(name, r -> r.version);
            case ACCOUNT_ID -> string(name, r -> r.accountId);
            case INTERFACE_ID -> string(name, r -> r.interfaceId);
            case SRCADDR -> string(name, r -> textOf(r.srcaddr));
            case DSTADDR -> string(name, r -> textOf(r.dstaddr));
            case SRCPORT -> Column.<FlowRow>int32(name, r -> r.srcport).withoutDictionary();
            case DSTPORT -> int32(name, r -> r.dstport);
            case PROTOCOL -> int32(name, r -> r.protocol);
            case PACKETS -> Column.<FlowRow>int64(name, r -> r.packets).withoutDictionary();
            case BYTES -> Column.<FlowRow>int64(name, r -> r.bytes).withoutDictionary();
            case START -> Column.<FlowRow>int64(name, r -> r.start).withoutDictionary();
            case END -> Column.<FlowRow>int64(name, r -> r.end).withoutDictionary();
            case ACTION -> string(name, r -> codeOf(r.action));
            case LOG_STATUS -> string(name, r -> codeOf(r.logStatus));
            case VPC_ID -> string(name, r -> r.vpcId);
            case SUBNET_ID -> string(name, r -> r.subnetId);
            case TCP_FLAGS -> int32(name, r -> r.tcpFlags);
            case PKT_SRCADDR -> string(name, r -> textOf(r.pktSrcaddr));
            case PKT_DSTADDR -> string(name, r -> textOf(r.pktDstaddr));
            case PKT_SRC_AWS_SERVICE -> string(name, r -> r.pktSrcAwsService);
            case PKT_DST_AWS_SERVICE -> string(name, r -> r.pktDstAwsService);
            case FLOW_DIRECTION -> string(name, r -> r.flowDirection);
            default -> {
                String field = f.fieldName();
                Column<FlowRow> column = switch (f.type()) {
                    // Absent is -1, written as null.
                    case INT -> int32(name, r -> (int) r.otherNumber(field));
                    case LONG -> int64(name, r -> r.otherNumber(field));
                    default -> string(name, r -> r.other(field));
                };
                yield column.nullUnless(HAS_OTHER_FIELDS);
            }
        };
    }

    /** Fields AWS does not define (yet), by name. */
    private static Map<String, String> extraFields(FlowRow r) {
        if (r.otherNames == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.otherNames.length; i++) {
            if (FlowField.byName(r.otherNames[i]) == null) {
                m.put(r.otherNames[i], r.otherValues[i]);
            }
        }
        return m.isEmpty() ? null : m;
    }

    public static final ParquetTable<VerdictStatsRow> VERDICT_STATS =
            new ParquetTable<>(Table.VERDICT_STATS.tableName(), verdictStatsColumns());

    private static List<Column<VerdictStatsRow>> verdictStatsColumns() {
        List<Column<VerdictStatsRow>> c = new ArrayList<>();
        c.add(int64Exact("window_start", r -> r.windowStart));
        c.add(int64Exact("window_end", r -> r.windowEnd));
        for (Dimension<VerdictStatsRow> d : VerdictStatsRow.DIMENSIONS) {
            c.add(string(d.column(), d::text));
        }
        c.add(int64Exact("flows", r -> r.flows));
        c.add(int64Exact("packets", r -> r.packets));
        c.add(int64Exact("bytes", r -> r.bytes));
        c.add(bool("late", r -> r.late));
        return c;
    }

    public static final ParquetTable<RuleUsageRow> RULE_USAGE = new ParquetTable<>(
            Table.RULE_USAGE.tableName(),
            List.of(
                    int64Exact("window_start", r -> r.windowStart),
                    int64Exact("window_end", r -> r.windowEnd),
                    string("sg_id", r -> r.sgId),
                    string("sg_rule_id", r -> r.sgRuleId),
                    string("direction", r -> codeOf(r.direction)),
                    int64Exact("flows", r -> r.flows),
                    int64Exact("packets", r -> r.packets),
                    int64Exact("bytes", r -> r.bytes),
                    int64Exact("distinct_peers", r -> r.distinctPeers),
                    bool("late", r -> r.late)));

    public static final ParquetTable<EniRow> ENIS = new ParquetTable<>(
            Table.ENIS.tableName(),
            List.of(
                    int64Exact("snapshot_time", r -> r.snapshotTime),
                    string("interface_id", r -> r.interfaceId),
                    string("account_id", r -> r.accountId),
                    string("region", r -> r.region),
                    string("owner_kind", r -> codeOf(r.ownerKind)),
                    string("owner_id", r -> r.ownerId),
                    string("owner_name", r -> r.ownerName),
                    stringList("lambda_functions", r -> listOf(r.lambdaFunctions)),
                    bool("lambda_partial", r -> r.lambdaPartial),
                    string("vpc_id", r -> r.vpcId),
                    string("subnet_id", r -> r.subnetId),
                    string("availability_zone", r -> r.availabilityZone),
                    stringList("private_addresses", r -> textsOf(r.privateAddresses)),
                    string("public_ip", r -> textOf(r.publicIp)),
                    stringList("security_groups", r -> Arrays.asList(r.securityGroups)),
                    string("interface_type", r -> r.interfaceType),
                    string("description", r -> r.description)));

    public static final ParquetTable<SgRuleRow> SG_RULES = new ParquetTable<>(
            Table.SG_RULES.tableName(),
            List.of(
                    int64Exact("snapshot_time", r -> r.snapshotTime),
                    string("sg_id", r -> r.sgId),
                    string("sg_name", r -> r.sgName),
                    string("vpc_id", r -> r.vpcId),
                    string("sg_rule_id", r -> r.sgRuleId),
                    string("direction", r -> codeOf(r.direction)),
                    string("protocol", r -> r.protocol),
                    int32("from_port", r -> r.fromPort),
                    int32("to_port", r -> r.toPort),
                    string("cidr_ipv4", r -> r.cidrIpv4),
                    string("cidr_ipv6", r -> r.cidrIpv6),
                    string("prefix_list_id", r -> r.prefixListId),
                    string("referenced_group_id", r -> r.referencedGroupId),
                    string("description", r -> r.description)));

    public static final ParquetTable<DeadLetterRow> DEAD_LETTERS = new ParquetTable<>(
            Table.DEAD_LETTERS.tableName(),
            List.of(
                    string("source", r -> r.source),
                    int64("line_number", r -> r.lineNumber),
                    string("raw", r -> r.raw),
                    string("reason", r -> r.reason),
                    string("detail", r -> r.detail),
                    int64Exact("ingest_time", r -> r.ingestTime)));

    private static List<String> listOf(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    private static List<String> textsOf(IpAddress[] addresses) {
        List<String> texts = new ArrayList<>(addresses.length);
        for (IpAddress a : addresses) {
            texts.add(a.toString());
        }
        return texts;
    }
}
