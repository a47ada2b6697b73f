package io.vpcflow.format.parquet;

import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Flow records as Security Lake stores them: OCSF 1.1 Network Activity (class 4001) rows, the inverse of
 * {@link OcsfColumns}. A record with {@code pkt-*} addresses has them as the endpoints' {@code ip} and its interface
 * addresses in {@code intermediate_ips}; fields OCSF has no place for go to {@code unmapped}.
 */
final class OcsfEncoder {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message ocsf {\n"
            + "  optional group metadata { optional group product { optional binary name (STRING);"
            + "    optional binary vendor_name (STRING); optional binary version (STRING); }"
            + "    optional binary version (STRING); }\n"
            + "  optional group cloud { optional group account { optional binary uid (STRING); }"
            + "    optional binary provider (STRING); optional binary region (STRING); optional binary zone (STRING); }\n"
            + endpoint("src_endpoint") + endpoint("dst_endpoint")
            + "  optional group connection_info { optional int32 protocol_num; optional int32 tcp_flags;"
            + "    optional binary protocol_ver (STRING); optional binary direction (STRING); optional int32 direction_id;"
            + "    optional binary boundary (STRING); optional int32 boundary_id; }\n"
            + "  optional group traffic { optional int64 packets; optional int64 bytes; }\n"
            + "  optional int64 time; optional int64 start_time; optional int64 end_time;\n"
            + "  optional binary status_code (STRING);\n"
            + "  optional int32 class_uid; optional binary class_name (STRING); optional int32 category_uid;\n"
            + "  optional int32 activity_id; optional binary activity_name (STRING); optional int64 type_uid;\n"
            + "  optional int32 action_id; optional binary action (STRING); optional binary disposition (STRING);\n"
            + "  optional int32 severity_id;\n"
            + "  optional group unmapped (MAP) { repeated group key_value { required binary key (STRING);"
            + "    optional binary value (STRING); } }\n"
            + "}");

    /** The fields OCSF has a column for; every other present field goes to {@code unmapped}. */
    private static final Set<FlowField> MAPPED = EnumSet.of(
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
            FlowField.INSTANCE_ID,
            FlowField.TCP_FLAGS,
            FlowField.TYPE,
            FlowField.PKT_SRCADDR,
            FlowField.PKT_DSTADDR,
            FlowField.REGION,
            FlowField.AZ_ID,
            FlowField.PKT_SRC_AWS_SERVICE,
            FlowField.PKT_DST_AWS_SERVICE,
            FlowField.FLOW_DIRECTION,
            FlowField.TRAFFIC_PATH);

    private OcsfEncoder() {}

    private static String endpoint(String name) {
        return "  optional group " + name + " { optional binary ip (STRING); optional int32 port;"
                + " optional binary interface_uid (STRING); optional binary vpc_uid (STRING);"
                + " optional binary subnet_uid (STRING); optional binary instance_uid (STRING);"
                + " optional binary svc_name (STRING);"
                + " optional group intermediate_ips (LIST) { repeated group list { optional binary element (STRING); } } }\n";
    }

    static void write(FlowLogFormat format, List<Object[]> rows, Path out, FlowLogParquetFiles files)
            throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> w = files.writer(out, SCHEMA, Map.of())) {
            for (Object[] row : rows) {
                Map<FlowField, Object> v = new EnumMap<>(FlowField.class);
                for (int i = 0; i < row.length; i++) {
                    FlowField f = format.field(i);
                    if (f != null && row[i] != null) {
                        v.put(f, row[i]);
                    }
                }
                w.write(row(groups.newGroup(), v, format, row));
            }
        }
    }

    private static Group row(Group g, Map<FlowField, Object> v, FlowLogFormat format, Object[] row) {
        Group metadata = g.addGroup("metadata");
        Group product = metadata.addGroup("product");
        product.append("name", "Amazon VPC").append("vendor_name", "AWS");
        text(product, "version", v.get(FlowField.VERSION));
        metadata.append("version", "1.1.0");
        Group cloud = g.addGroup("cloud");
        text(cloud.addGroup("account"), "uid", v.get(FlowField.ACCOUNT_ID));
        cloud.append("provider", "AWS");
        text(cloud, "region", v.get(FlowField.REGION));
        text(cloud, "zone", v.get(FlowField.AZ_ID));
        Object direction = v.get(FlowField.FLOW_DIRECTION);
        boolean inbound = "ingress".equals(direction);
        Group src = g.addGroup("src_endpoint");
        Group dst = g.addGroup("dst_endpoint");
        Group eni = inbound ? dst : src;
        text(eni, "interface_uid", v.get(FlowField.INTERFACE_ID));
        text(eni, "vpc_uid", v.get(FlowField.VPC_ID));
        text(eni, "subnet_uid", v.get(FlowField.SUBNET_ID));
        text(eni, "instance_uid", v.get(FlowField.INSTANCE_ID));
        addresses(src, v.get(FlowField.SRCADDR), v.get(FlowField.PKT_SRCADDR));
        addresses(dst, v.get(FlowField.DSTADDR), v.get(FlowField.PKT_DSTADDR));
        integer(src, "port", v.get(FlowField.SRCPORT));
        integer(dst, "port", v.get(FlowField.DSTPORT));
        text(src, "svc_name", v.get(FlowField.PKT_SRC_AWS_SERVICE));
        text(dst, "svc_name", v.get(FlowField.PKT_DST_AWS_SERVICE));
        Group connection = g.addGroup("connection_info");
        integer(connection, "protocol_num", v.get(FlowField.PROTOCOL));
        integer(connection, "tcp_flags", v.get(FlowField.TCP_FLAGS));
        text(connection, "protocol_ver", v.get(FlowField.TYPE));
        int directionId = inbound ? 1 : "egress".equals(direction) ? 2 : 0;
        connection.append("direction", directionId == 1 ? "Inbound" : directionId == 2 ? "Outbound" : "Unknown");
        connection.append("direction_id", directionId);
        Object path = v.get(FlowField.TRAFFIC_PATH);
        connection.append("boundary_id", path == null ? 99 : (int) (long) (Long) path + 3);
        Group traffic = g.addGroup("traffic");
        number(traffic, "packets", v.get(FlowField.PACKETS));
        number(traffic, "bytes", v.get(FlowField.BYTES));
        Object start = v.get(FlowField.START);
        Object end = v.get(FlowField.END);
        if (start != null) {
            g.append("time", (Long) start * 1000).append("start_time", (Long) start * 1000);
        }
        if (end != null) {
            g.append("end_time", (Long) end * 1000);
        }
        text(g, "status_code", v.get(FlowField.LOG_STATUS));
        g.append("class_uid", 4001).append("class_name", "Network Activity").append("category_uid", 4);
        Object action = v.get(FlowField.ACTION);
        boolean accept = "ACCEPT".equals(action);
        boolean reject = "REJECT".equals(action);
        int activity = accept ? 6 : reject ? 5 : 0;
        g.append("activity_id", activity)
                .append("activity_name", accept ? "Traffic" : reject ? "Refuse" : "Unknown")
                .append("type_uid", 400100L + activity)
                .append("action_id", accept ? 1 : reject ? 2 : 0)
                .append("action", accept ? "Allowed" : reject ? "Denied" : "Unknown")
                .append("disposition", accept ? "Allowed" : reject ? "Blocked" : "Unknown")
                .append("severity_id", 1);
        Group unmapped = null;
        for (int i = 0; i < row.length; i++) {
            FlowField f = format.field(i);
            if (row[i] == null || (f != null && MAPPED.contains(f))) {
                continue;
            }
            if (unmapped == null) {
                unmapped = g.addGroup("unmapped");
            }
            unmapped.addGroup("key_value")
                    .append("key", FlowField.columnName(format.names().get(i)))
                    .append("value", String.valueOf(row[i]));
        }
        return g;
    }

    /** The packet's address as {@code ip}, the interface's in {@code intermediate_ips} when a packet address is given. */
    private static void addresses(Group endpoint, Object address, Object packet) {
        if (packet == null) {
            text(endpoint, "ip", address);
            return;
        }
        text(endpoint, "ip", packet);
        if (address != null) {
            endpoint.addGroup("intermediate_ips").addGroup("list").append("element", (String) address);
        }
    }

    private static void text(Group g, String name, Object value) {
        if (value != null) {
            g.append(name, String.valueOf(value));
        }
    }

    private static void integer(Group g, String name, Object value) {
        if (value != null) {
            g.append(name, (int) (long) (Long) value);
        }
    }

    private static void number(Group g, String name, Object value) {
        if (value != null) {
            g.append(name, (Long) value);
        }
    }
}
