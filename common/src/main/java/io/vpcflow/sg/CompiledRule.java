package io.vpcflow.sg;

import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A security-group rule ready to match flows: protocol as a number, port (or ICMP type/code) range,
 * and its target as CIDR blocks (a prefix list expanded) or a referenced group.
 */
final class CompiledRule {
    final String ruleId;
    final String groupId;
    final boolean egress;
    final int protocol;
    final int fromPort;
    final int toPort;
    final Cidr[] cidrs;
    final String referencedGroupId;
    /** 0.0.0.0/0 or ::/0 over all ports: flows it allows both ways are not tracked. */
    final boolean openToAll;
    /**
     * The prefix list or group it names that the inventory lacks, or null: what it matches is then not known, so a
     * record it might have allowed is judged on a stale inventory, not as if the rule matched nothing.
     */
    final String missingId;
    /** {@code prefix list} or {@code security group}, for {@link #missingId}. */
    final String missingKind;

    private CompiledRule(
            String ruleId,
            String groupId,
            boolean egress,
            int protocol,
            int fromPort,
            int toPort,
            Cidr[] cidrs,
            String referencedGroupId,
            String missingId,
            String missingKind) {
        this.missingId = missingId;
        this.missingKind = missingKind;
        this.ruleId = ruleId;
        this.groupId = groupId;
        this.egress = egress;
        this.protocol = protocol;
        this.fromPort = fromPort;
        this.toPort = toPort;
        this.cidrs = cidrs;
        this.referencedGroupId = referencedGroupId;
        boolean allPorts = !Protocols.hasPorts(protocol) || fromPort <= 0 && (toPort == -1 || toPort >= 65535);
        boolean everywhere = false;
        for (Cidr c : cidrs) {
            everywhere |= c.isEverything();
        }
        this.openToAll = everywhere && allPorts;
    }

    /**
     * Compiles one rule; a malformed one fails here, once, with the group and rule named.
     *
     * @throws IllegalArgumentException with a sentence naming the group, the rule and the problem
     */
    static CompiledRule compile(SecurityGroupRule r, Map<String, PrefixList> prefixLists, Set<String> groupIds) {
        String where = "security group " + r.groupId() + (r.ruleId() == null ? "" : " rule " + r.ruleId());
        try {
            int protocol = Protocols.parse(r.protocol());
            int from = r.fromPort();
            int to = r.toPort();
            if (Protocols.hasPorts(protocol) && from != -1 && (from < 0 || to < from || to > 65535)) {
                throw new IllegalArgumentException("port range " + from + "-" + to + " is not valid");
            }
            List<Cidr> cidrs = new ArrayList<>();
            if (r.cidrIpv4() != null) {
                cidrs.add(Cidr.parse(r.cidrIpv4()));
            }
            if (r.cidrIpv6() != null) {
                cidrs.add(Cidr.parse(r.cidrIpv6()));
            }
            String missingId = null;
            String missingKind = null;
            if (r.prefixListId() != null) {
                PrefixList pl = prefixLists.get(r.prefixListId());
                if (pl != null) {
                    for (String c : pl.cidrs()) {
                        cidrs.add(Cidr.parse(c));
                    }
                } else {
                    missingId = r.prefixListId();
                    missingKind = "prefix list";
                }
            }
            if (missingId == null && r.referencedGroupId() != null && !groupIds.contains(r.referencedGroupId())) {
                missingId = r.referencedGroupId();
                missingKind = "security group";
            }
            if (cidrs.isEmpty() && r.referencedGroupId() == null && r.prefixListId() == null) {
                throw new IllegalArgumentException("the rule names no source or destination");
            }
            return new CompiledRule(
                    r.ruleId(),
                    r.groupId(),
                    r.egress(),
                    protocol,
                    from,
                    to,
                    cidrs.toArray(Cidr[]::new),
                    r.referencedGroupId(),
                    missingId,
                    missingKind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Whether protocol and port (the destination port of the initiating packet) fall under this rule. */
    Match matchTraffic(int flowProtocol, int port) {
        if (protocol == Protocols.ALL) {
            return Match.YES;
        }
        if (protocol != flowProtocol) {
            return Match.NO;
        }
        if (Protocols.hasPorts(protocol)) {
            return fromPort == -1 || (port >= fromPort && port <= toPort) ? Match.YES : Match.NO;
        }
        if (Protocols.isIcmp(protocol)) {
            // fromPort is the ICMP type: -1 is every type; a single type may or may not be the one seen.
            return fromPort == -1 ? Match.YES : Match.POSSIBLY;
        }
        return Match.YES;
    }

    boolean cidrsContain(int family, long high, long low) {
        for (Cidr c : cidrs) {
            if (c.contains(family, high, low)) {
                return true;
            }
        }
        return false;
    }
}
