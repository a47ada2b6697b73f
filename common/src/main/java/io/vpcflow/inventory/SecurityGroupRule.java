package io.vpcflow.inventory;

/**
 * One rule of a security group. Exactly one of the four targets (IPv4 CIDR, IPv6 CIDR, prefix list,
 * referenced group) is set.
 *
 * @param ruleId   {@code sgr-...}, or null when the rule came from {@code IpPermissions} only
 * @param protocol {@code -1} for all, {@code tcp}/{@code udp}/{@code icmp}/{@code icmpv6}, or a number
 * @param fromPort the first port (for ICMP the type), -1 for all
 * @param toPort   the last port (for ICMP the code), -1 for all
 */
public record SecurityGroupRule(
        String ruleId,
        String groupId,
        boolean egress,
        String protocol,
        int fromPort,
        int toPort,
        String cidrIpv4,
        String cidrIpv6,
        String prefixListId,
        String referencedGroupId,
        String description) {}
