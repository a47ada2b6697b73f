package io.vpcflow.flowlog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every field AWS defines for VPC and transit-gateway flow logs, with the version that introduced it.
 *
 * <p>The declaration order of the first fourteen is the default (version 2) layout.
 */
public enum FlowField {
    VERSION("version", 2, FieldType.INT),
    ACCOUNT_ID("account-id", 2, FieldType.STRING),
    INTERFACE_ID("interface-id", 2, FieldType.STRING),
    SRCADDR("srcaddr", 2, FieldType.ADDRESS),
    DSTADDR("dstaddr", 2, FieldType.ADDRESS),
    SRCPORT("srcport", 2, FieldType.INT),
    DSTPORT("dstport", 2, FieldType.INT),
    PROTOCOL("protocol", 2, FieldType.INT),
    PACKETS("packets", 2, FieldType.LONG),
    BYTES("bytes", 2, FieldType.LONG),
    START("start", 2, FieldType.LONG),
    END("end", 2, FieldType.LONG),
    ACTION("action", 2, FieldType.ACTION),
    LOG_STATUS("log-status", 2, FieldType.LOG_STATUS),

    VPC_ID("vpc-id", 3, FieldType.STRING),
    SUBNET_ID("subnet-id", 3, FieldType.STRING),
    INSTANCE_ID("instance-id", 3, FieldType.STRING),
    TCP_FLAGS("tcp-flags", 3, FieldType.INT),
    TYPE("type", 3, FieldType.STRING),
    PKT_SRCADDR("pkt-srcaddr", 3, FieldType.ADDRESS),
    PKT_DSTADDR("pkt-dstaddr", 3, FieldType.ADDRESS),

    REGION("region", 4, FieldType.STRING),
    AZ_ID("az-id", 4, FieldType.STRING),
    SUBLOCATION_TYPE("sublocation-type", 4, FieldType.STRING),
    SUBLOCATION_ID("sublocation-id", 4, FieldType.STRING),

    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5, FieldType.STRING),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5, FieldType.STRING),
    FLOW_DIRECTION("flow-direction", 5, FieldType.STRING),
    TRAFFIC_PATH("traffic-path", 5, FieldType.INT),

    // Version 6 exists only in transit-gateway flow logs.
    RESOURCE_TYPE("resource-type", 6, FieldType.STRING),
    TGW_ID("tgw-id", 6, FieldType.STRING),
    TGW_ATTACHMENT_ID("tgw-attachment-id", 6, FieldType.STRING),
    TGW_SRC_VPC_ACCOUNT_ID("tgw-src-vpc-account-id", 6, FieldType.STRING),
    TGW_DST_VPC_ACCOUNT_ID("tgw-dst-vpc-account-id", 6, FieldType.STRING),
    TGW_SRC_VPC_ID("tgw-src-vpc-id", 6, FieldType.STRING),
    TGW_DST_VPC_ID("tgw-dst-vpc-id", 6, FieldType.STRING),
    TGW_SRC_SUBNET_ID("tgw-src-subnet-id", 6, FieldType.STRING),
    TGW_DST_SUBNET_ID("tgw-dst-subnet-id", 6, FieldType.STRING),
    TGW_SRC_ENI("tgw-src-eni", 6, FieldType.STRING),
    TGW_DST_ENI("tgw-dst-eni", 6, FieldType.STRING),
    TGW_SRC_AZ_ID("tgw-src-az-id", 6, FieldType.STRING),
    TGW_DST_AZ_ID("tgw-dst-az-id", 6, FieldType.STRING),
    TGW_PAIR_ATTACHMENT_ID("tgw-pair-attachment-id", 6, FieldType.STRING),
    PACKETS_LOST_NO_ROUTE("packets-lost-no-route", 6, FieldType.LONG),
    PACKETS_LOST_BLACKHOLE("packets-lost-blackhole", 6, FieldType.LONG),
    PACKETS_LOST_MTU_EXCEEDED("packets-lost-mtu-exceeded", 6, FieldType.LONG),
    PACKETS_LOST_TTL_EXPIRED("packets-lost-ttl-expired", 6, FieldType.LONG),

    ECS_CLUSTER_ARN("ecs-cluster-arn", 7, FieldType.STRING),
    ECS_CLUSTER_NAME("ecs-cluster-name", 7, FieldType.STRING),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7, FieldType.STRING),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7, FieldType.STRING),
    ECS_CONTAINER_ID("ecs-container-id", 7, FieldType.STRING),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7, FieldType.STRING),
    ECS_SERVICE_NAME("ecs-service-name", 7, FieldType.STRING),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7, FieldType.STRING),
    ECS_TASK_ARN("ecs-task-arn", 7, FieldType.STRING),
    ECS_TASK_ID("ecs-task-id", 7, FieldType.STRING),

    REJECT_REASON("reject-reason", 8, FieldType.STRING),
    RESOURCE_ID("resource-id", 9, FieldType.STRING),
    ENCRYPTION_STATUS("encryption-status", 10, FieldType.INT),

    INSTANCE_TAG("instance-tag", 11, FieldType.STRING),
    INSTANCE_TAG_2("instance-tag-2", 11, FieldType.STRING),
    INTERFACE_TAG("interface-tag", 11, FieldType.STRING),
    INTERFACE_TAG_2("interface-tag-2", 11, FieldType.STRING),
    ASG_TAG("asg-tag", 11, FieldType.STRING),
    ASG_TAG_2("asg-tag-2", 11, FieldType.STRING),
    INTERFACE_TYPE("interface-type", 11, FieldType.STRING),
    NEXT_HOP_INTERFACE_ID("next-hop-interface-id", 11, FieldType.STRING),
    NEXT_HOP_SUBNET_ID("next-hop-subnet-id", 11, FieldType.STRING),
    NEXT_HOP_AZ_ID("next-hop-az-id", 11, FieldType.STRING),
    NEXT_HOP_VPC_ID("next-hop-vpc-id", 11, FieldType.STRING),
    NEXT_HOP_INTERFACE_TYPE("next-hop-interface-type", 11, FieldType.STRING);

    /** Number of known fields; sizes the per-record slot arrays. */
    public static final int COUNT = values().length;

    private static final FlowField[] VALUES = values();
    private static final Map<String, FlowField> BY_NAME = new HashMap<>();

    static {
        for (FlowField f : VALUES) {
            BY_NAME.put(f.fieldName, f);
        }
    }

    private final String fieldName;
    private final String columnName;
    private final int version;
    private final FieldType type;

    FlowField(String fieldName, int version, FieldType type) {
        this.fieldName = fieldName;
        this.columnName = columnName(fieldName);
        this.version = version;
        this.type = type;
    }

    /** The name AWS uses in formats and header lines, e.g. {@code log-status}. */
    public String fieldName() {
        return fieldName;
    }

    /** The snake_case column name used in output tables, e.g. {@code log_status}. */
    public String columnName() {
        return columnName;
    }

    /** The flow-log version that introduced this field. */
    public int version() {
        return version;
    }

    public FieldType type() {
        return type;
    }

    /** The field named {@code name} as AWS writes it, or null when AWS defines no such field (yet). */
    public static FlowField byName(String name) {
        return BY_NAME.get(name);
    }

    static FlowField byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** {@code log-status} becomes {@code log_status}; used for unknown fields as well. */
    public static String columnName(String fieldName) {
        return fieldName.replace('-', '_').toLowerCase(Locale.ROOT);
    }
}
