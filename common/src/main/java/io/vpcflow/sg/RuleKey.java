package io.vpcflow.sg;

import io.vpcflow.inventory.SecurityGroupRule;
import java.util.Locale;

/**
 * What a security-group rule allows, without its id or description: two rules with one key are one permission
 * however they were written ({@code -1} or {@code all}, {@code 6} or {@code tcp}, ports 0–0 or -1 on an
 * all-protocols rule). A proposal removes and adds rules by key, so a rule shown twice (inline and as its own
 * resource) counts once.
 *
 * @param target {@code cidr:}, {@code cidr6:}, {@code pl:} or {@code sg:} and the value (a CIDR lower-cased)
 */
public record RuleKey(boolean egress, int protocol, int fromPort, int toPort, String target) {
    /** @throws IllegalArgumentException when the protocol cannot be read or the rule names no target */
    public static RuleKey of(SecurityGroupRule r) {
        int protocol = Protocols.parse(r.protocol());
        boolean ports = Protocols.hasPorts(protocol) || Protocols.isIcmp(protocol);
        String target = r.cidrIpv4() != null
                ? "cidr:" + r.cidrIpv4()
                : r.cidrIpv6() != null
                        ? "cidr6:" + r.cidrIpv6().toLowerCase(Locale.ROOT)
                        : r.prefixListId() != null
                                ? "pl:" + r.prefixListId()
                                : r.referencedGroupId() != null ? "sg:" + r.referencedGroupId() : null;
        if (target == null) {
            throw new IllegalArgumentException("the rule names no CIDR, prefix list or group");
        }
        return new RuleKey(r.egress(), protocol, ports ? r.fromPort() : -1, ports ? r.toPort() : -1, target);
    }

    /** The name of a protocol number security groups name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}), or null. */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case Protocols.TCP -> "tcp";
            case Protocols.UDP -> "udp";
            case Protocols.ICMP -> "icmp";
            case Protocols.ICMPV6 -> "icmpv6";
            default -> null;
        };
    }

    /** The protocol number of {@code -1}/{@code all}, a name or a number (-1 for all). */
    public static int protocolNumber(String text) {
        return Protocols.parse(text);
    }
}
