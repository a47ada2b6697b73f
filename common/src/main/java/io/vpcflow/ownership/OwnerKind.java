package io.vpcflow.ownership;

import io.vpcflow.text.Coded;

/** What kind of thing owns a network interface or an address. Written to tables by {@link #code()}. */
public enum OwnerKind implements Coded {
    EC2_INSTANCE,
    LAMBDA,
    NAT_GATEWAY,
    ALB,
    NLB,
    CLB,
    GWLB,
    GWLB_ENDPOINT,
    VPC_ENDPOINT,
    EFS,
    RDS,
    ELASTICACHE,
    REDSHIFT,
    ECS_TASK,
    EKS_CONTROL_PLANE,
    EKS_NODE,
    EKS_POD,
    TRANSIT_GATEWAY,
    API_GATEWAY,
    DIRECTORY_SERVICE,
    ROUTE53_RESOLVER,
    GLOBAL_ACCELERATOR,
    UNATTACHED,
    /** A public address outside every known interface. */
    INTERNET,
    /** An AWS service address, as the record's {@code pkt-*-aws-service} names it. */
    AWS_SERVICE,
    /** Not known: an interface no rule recognises (raw type and description kept) or an address never seen. */
    UNKNOWN;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The snake_case name used in tables and output, e.g. {@code nat_gateway}. */
    @Override
    public String code() {
        return code;
    }
}
