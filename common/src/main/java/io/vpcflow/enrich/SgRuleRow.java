package io.vpcflow.enrich;

import io.vpcflow.verdict.Direction;

/** One row of {@code sg_rules}: a security-group rule in one inventory snapshot. A Flink POJO. */
public class SgRuleRow {
    public long snapshotTime;
    public String sgId;
    public String sgName;
    public String vpcId;
    public String sgRuleId;
    public Direction direction;
    public String protocol;
    public int fromPort;
    public int toPort;
    public String cidrIpv4;
    public String cidrIpv6;
    public String prefixListId;
    public String referencedGroupId;
    public String description;

    public SgRuleRow() {}
}
