package io.vpcflow.inventory;

/**
 * One numbered entry of a network ACL; entries are evaluated in rule-number order, first match wins.
 *
 * @param protocol {@code -1} for all, else the protocol number as text
 * @param fromPort -1 when the entry names no port range
 * @param icmpType -1 when the entry names no ICMP type
 */
public record NetworkAclEntry(
        int ruleNumber,
        boolean egress,
        String protocol,
        boolean allow,
        String cidrIpv4,
        String cidrIpv6,
        int fromPort,
        int toPort,
        int icmpType,
        int icmpCode) {}
