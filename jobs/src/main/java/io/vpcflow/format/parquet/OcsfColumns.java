package io.vpcflow.format.parquet;

import io.vpcflow.flowlog.ColumnBatch;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;

/**
 * Amazon Security Lake's VPC flow table (OCSF 1.1 Network Activity, class 4001) read back into flow records. The
 * interface, instance, subnet and VPC are on {@code dst_endpoint} for inbound traffic and on {@code src_endpoint}
 * for outbound; an endpoint's {@code ip} is the packet's address, and its interface's is in
 * {@code intermediate_ips} when the two differ. The README's table lists every mapped column.
 */
final class OcsfColumns implements ParquetFlowReader.Columns {
    /** The fields of every record read from OCSF: all of AWS's, so that any field {@code unmapped} names has a place. */
    static final FlowLogFormat FORMAT = allFields();

    static final String UNMAPPED_EXTRA = "ocsf-unmapped";
    private static final int UNMAPPED_POSITION = FlowField.COUNT;
    private static final byte[] ACCEPT = "ACCEPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REJECT = "REJECT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INGRESS = "ingress".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EGRESS = "egress".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AMAZON_VPC = "Amazon VPC".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, ColumnCursor> byPath = new HashMap<>();
    private final List<ColumnCursor> cursors = new ArrayList<>();
    private final ColumnCursor classUid;
    private final ColumnCursor productName;
    private final ColumnCursor productVersion;
    private final ColumnCursor account;
    private final ColumnCursor region;
    private final ColumnCursor zone;
    private final Endpoint src;
    private final Endpoint dst;
    private final ColumnCursor protocol;
    private final ColumnCursor tcpFlags;
    private final ColumnCursor protocolVer;
    private final ColumnCursor directionId;
    private final ColumnCursor boundaryId;
    private final ColumnCursor packets;
    private final ColumnCursor bytes;
    private final ColumnCursor time;
    private final ColumnCursor startTime;
    private final ColumnCursor endTime;
    private final ColumnCursor statusCode;
    private final ColumnCursor actionId;
    private final ColumnCursor activityId;
    /** {@code unmapped} as a map (key and value leaves), or as pandas' list of [key, value] lists (one leaf). */
    private final ColumnCursor unmappedKey;

    private final ColumnCursor unmappedValue;
    private final ColumnCursor unmappedPairs;
    private byte[] others = new byte[256];

    /** One side of the connection. */
    private final class Endpoint {
        final ColumnCursor ip;
        final ColumnCursor port;
        final ColumnCursor interfaceUid;
        final ColumnCursor vpcUid;
        final ColumnCursor subnetUid;
        final ColumnCursor instanceUid;
        final ColumnCursor svcName;
        final ColumnCursor intermediate;

        Endpoint(String name) {
            ip = leaf(name + ".ip");
            port = leaf(name + ".port");
            interfaceUid = leaf(name + ".interface_uid");
            vpcUid = leaf(name + ".vpc_uid");
            subnetUid = leaf(name + ".subnet_uid");
            instanceUid = leaf(name + ".instance_uid");
            svcName = leaf(name + ".svc_name");
            intermediate = under(name + ".intermediate_ips");
        }
    }

    OcsfColumns(MessageType schema) {
        for (ColumnDescriptor c : schema.getColumns()) {
            byPath.put(String.join(".", c.getPath()), new ColumnCursor(c));
        }
        classUid = leaf("class_uid");
        productName = leaf("metadata.product.name");
        productVersion = leaf("metadata.product.version");
        ColumnCursor uid = leaf("cloud.account.uid");
        account = uid != null ? uid : leaf("cloud.account.uuid");
        region = leaf("cloud.region");
        zone = leaf("cloud.zone");
        src = new Endpoint("src_endpoint");
        dst = new Endpoint("dst_endpoint");
        protocol = leaf("connection_info.protocol_num");
        tcpFlags = leaf("connection_info.tcp_flags");
        protocolVer = leaf("connection_info.protocol_ver");
        directionId = leaf("connection_info.direction_id");
        boundaryId = leaf("connection_info.boundary_id");
        packets = leaf("traffic.packets");
        bytes = leaf("traffic.bytes");
        time = leaf("time");
        ColumnCursor start = leaf("start_time");
        startTime = start != null ? start : leaf("start_time_dt");
        ColumnCursor end = leaf("end_time");
        endTime = end != null ? end : leaf("end_time_dt");
        statusCode = leaf("status_code");
        actionId = leaf("action_id");
        activityId = leaf("activity_id");
        unmappedKey = leafEnding("unmapped.", ".key");
        unmappedValue = leafEnding("unmapped.", ".value");
        unmappedPairs = unmappedKey == null ? under("unmapped") : null;
    }

    /** Whether a file's columns are an OCSF event table: a class and both endpoints. */
    static boolean matches(MessageType schema) {
        boolean classUid = false;
        boolean endpoint = false;
        for (ColumnDescriptor c : schema.getColumns()) {
            String[] p = c.getPath();
            classUid |= p.length == 1 && p[0].equals("class_uid");
            endpoint |= p.length > 1 && (p[0].equals("src_endpoint") || p[0].equals("dst_endpoint"));
        }
        return classUid && endpoint;
    }

    private static FlowLogFormat allFields() {
        List<String> names = new ArrayList<>();
        for (FlowField f : FlowField.values()) {
            names.add(f.fieldName());
        }
        names.add(UNMAPPED_EXTRA);
        return FlowLogFormat.of(names);
    }

    /** The single-valued leaf at {@code path}, now read on every row; null when the file has none. */
    private ColumnCursor leaf(String path) {
        ColumnCursor c = byPath.get(path);
        if (c == null || c.column().getMaxRepetitionLevel() > 0) {
            return null;
        }
        cursors.add(c);
        return c;
    }

    /** The first leaf under {@code prefix} (a list's element), read on every row; or null. */
    private ColumnCursor under(String prefix) {
        for (Map.Entry<String, ColumnCursor> e : byPath.entrySet()) {
            if (e.getKey().startsWith(prefix + ".")) {
                cursors.add(e.getValue());
                return e.getValue();
            }
        }
        return null;
    }

    private ColumnCursor leafEnding(String prefix, String suffix) {
        for (Map.Entry<String, ColumnCursor> e : byPath.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().endsWith(suffix)) {
                cursors.add(e.getValue());
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public FlowLogFormat format() {
        return FORMAT;
    }

    @Override
    public List<ColumnCursor> cursors() {
        return cursors;
    }

    @Override
    public boolean decodesIntoBatch() {
        return false;
    }

    @Override
    public void decode(ColumnBatch batch, int rows, String[] notFlow) throws IOException {
        into.batch = batch;
        for (int r = 0; r < rows; r++) {
            into.row = r;
            notFlow[r] = row(into);
        }
    }

    /** The row of a batch being filled: one, moved from row to row. */
    private final Row into = new Row();

    private static final class Row {
        private ColumnBatch batch;
        private int row;

        void text(int p, byte[] b, int o, int l) {
            batch.setText(p, row, b, o, l);
        }

        void number(int p, long v) {
            batch.setNumber(p, row, v);
        }

        void put(int p, ColumnCursor c) {
            ParquetFlowReader.put(batch, p, row, c);
        }
    }

    private String row(Row into) throws IOException {
        for (ColumnCursor c : cursors) {
            c.next();
        }
        String notFlow = null;
        if (classUid != null && classUid.defined() && classUid.longValue() != 4001) {
            notFlow = "class_uid " + classUid.longValue() + ": not an OCSF Network Activity (4001) event";
        } else if (productName != null && productName.defined() && !textIs(productName, AMAZON_VPC)) {
            notFlow = "metadata.product.name '" + text(productName) + "': not Amazon VPC flow logs";
        }
        if (notFlow != null) {
            for (ColumnCursor c : cursors) {
                while (c.nextRepetition() > 0) {
                    c.next(); // the rest of this row's list entries
                }
            }
            return notFlow;
        }
        put(into, FlowField.VERSION, productVersion);
        put(into, FlowField.ACCOUNT_ID, account);
        put(into, FlowField.REGION, region);
        put(into, FlowField.AZ_ID, zone);
        long direction = number(directionId);
        Endpoint eni = direction == 1 ? dst : direction == 2 ? src : defined(src.interfaceUid) ? src : dst;
        put(into, FlowField.INTERFACE_ID, eni.interfaceUid);
        put(into, FlowField.VPC_ID, eni.vpcUid);
        put(into, FlowField.SUBNET_ID, eni.subnetUid);
        put(into, FlowField.INSTANCE_ID, eni.instanceUid);
        addresses(into, src, FlowField.SRCADDR, FlowField.PKT_SRCADDR);
        addresses(into, dst, FlowField.DSTADDR, FlowField.PKT_DSTADDR);
        put(into, FlowField.SRCPORT, src.port);
        put(into, FlowField.DSTPORT, dst.port);
        put(into, FlowField.PKT_SRC_AWS_SERVICE, src.svcName);
        put(into, FlowField.PKT_DST_AWS_SERVICE, dst.svcName);
        put(into, FlowField.PROTOCOL, protocol);
        put(into, FlowField.TCP_FLAGS, tcpFlags);
        put(into, FlowField.TYPE, protocolVer);
        if (direction == 1 || direction == 2) {
            byte[] d = direction == 1 ? INGRESS : EGRESS;
            into.text(FlowField.FLOW_DIRECTION.ordinal(), d, 0, d.length);
        }
        long boundary = number(boundaryId);
        if (boundary >= 4 && boundary <= 11) {
            into.number(FlowField.TRAFFIC_PATH.ordinal(), boundary - 3);
        }
        put(into, FlowField.PACKETS, packets);
        put(into, FlowField.BYTES, bytes);
        seconds(into, FlowField.START, defined(startTime) ? startTime : time);
        seconds(into, FlowField.END, endTime);
        long action = number(actionId);
        long activity = number(activityId);
        if (action == 1 || (action < 0 && activity == 6)) {
            into.text(FlowField.ACTION.ordinal(), ACCEPT, 0, ACCEPT.length);
        } else if (action == 2 || (action < 0 && activity == 5)) {
            into.text(FlowField.ACTION.ordinal(), REJECT, 0, REJECT.length);
        }
        put(into, FlowField.LOG_STATUS, statusCode);
        unmapped(into);
        return null;
    }

    /** {@code ip} is the packet's address; the interface's is the first of {@code intermediate_ips} when given. */
    private void addresses(Row into, Endpoint e, FlowField address, FlowField packet) throws IOException {
        ColumnCursor first = e.intermediate;
        boolean via = false;
        if (first != null) {
            if (first.defined()) {
                into.put(address.ordinal(), first);
                via = true;
            }
            while (first.nextRepetition() > 0) {
                first.next(); // further intermediate addresses: no flow-log field holds them
            }
        }
        if (via) {
            put(into, packet, e.ip);
        } else {
            put(into, address, e.ip);
        }
    }

    /** The key/value pairs of {@code unmapped}: a field's name sets that field, others go together to one extra. */
    private void unmapped(Row into) throws IOException {
        int used = 0;
        if (unmappedKey != null && unmappedValue != null) {
            boolean more = true;
            while (more) {
                used = pair(into, unmappedKey, unmappedValue, used);
                more = unmappedKey.nextRepetition() > 0;
                if (more) {
                    unmappedKey.next();
                    unmappedValue.next();
                }
            }
        } else if (unmappedPairs != null) {
            // A list of [key, value] lists: repetition 1 starts a pair, 2 continues it.
            ColumnCursor c = unmappedPairs;
            byte[] key = null;
            int item = 0;
            while (true) {
                if (c.defined()) {
                    if (item == 0) {
                        key = Arrays.copyOfRange(c.textBytes(), c.textOffset(), c.textOffset() + c.textLength());
                    } else if (item == 1 && key != null) {
                        used = pair(into, key, c, used);
                    }
                }
                int rep = c.nextRepetition();
                if (rep == 0) {
                    break;
                }
                c.next();
                item = rep == 1 ? 0 : item + 1;
            }
        }
        if (used > 0) {
            into.text(UNMAPPED_POSITION, others, 0, used);
        }
    }

    private int pair(Row into, ColumnCursor key, ColumnCursor value, int used) {
        if (!key.defined()) {
            return used;
        }
        byte[] k = Arrays.copyOfRange(key.textBytes(), key.textOffset(), key.textOffset() + key.textLength());
        return pair(into, k, value, used);
    }

    private int pair(Row into, byte[] key, ColumnCursor value, int used) {
        String name = ParquetFlowReader.fieldName(new String(key, StandardCharsets.UTF_8));
        FlowField f = name == null ? null : FlowField.byName(name);
        if (f != null) {
            into.put(f.ordinal(), value);
            return used;
        }
        if (!value.defined() || !value.isText()) {
            return used;
        }
        int need = used + key.length + value.textLength() + 2;
        if (others.length < need) {
            others = Arrays.copyOf(others, Math.max(need, others.length * 2));
        }
        if (used > 0) {
            others[used++] = ',';
        }
        System.arraycopy(key, 0, others, used, key.length);
        used += key.length;
        others[used++] = '=';
        System.arraycopy(value.textBytes(), value.textOffset(), others, used, value.textLength());
        return used + value.textLength();
    }

    private static void put(Row into, FlowField f, ColumnCursor c) {
        if (c != null) {
            into.put(f.ordinal(), c);
        }
    }

    /** A time in milliseconds (a number or a timestamp column) as the whole seconds of a flow log. */
    private static void seconds(Row into, FlowField f, ColumnCursor c) {
        if (c == null || !c.defined()) {
            return;
        }
        if (c.isText()) {
            into.put(f.ordinal(), c);
        } else {
            long ms = c.isFractional() ? (long) c.doubleValue() : c.longValue();
            into.number(f.ordinal(), Math.floorDiv(ms, 1000));
        }
    }

    private static boolean defined(ColumnCursor c) {
        return c != null && c.defined();
    }

    /** A whole-number column's value, or -1 when it has none. */
    private static long number(ColumnCursor c) {
        if (c == null || !c.defined() || c.isText()) {
            return -1;
        }
        return c.isFractional() ? (long) c.doubleValue() : c.longValue();
    }

    private static boolean textIs(ColumnCursor c, byte[] ascii) {
        return c.isText()
                && Arrays.equals(
                        c.textBytes(), c.textOffset(), c.textOffset() + c.textLength(), ascii, 0, ascii.length);
    }

    private static String text(ColumnCursor c) {
        if (!c.isText()) {
            return "?";
        }
        String s = new String(c.textBytes(), c.textOffset(), Math.min(c.textLength(), 200), StandardCharsets.UTF_8);
        return io.vpcflow.text.Lines.first(s);
    }
}
