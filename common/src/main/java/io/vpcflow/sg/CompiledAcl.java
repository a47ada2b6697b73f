package io.vpcflow.sg;

import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.net.Cidr;
import io.vpcflow.net.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A network ACL ready to judge packets: stateless, entries in rule-number order, first match decides, else deny. */
final class CompiledAcl {
    private record Entry(
            int ruleNumber, boolean egress, int protocol, boolean allow, Cidr cidr, int fromPort, int toPort) {}

    final String id;
    private final Entry[] inbound;
    private final Entry[] outbound;

    private CompiledAcl(String id, Entry[] inbound, Entry[] outbound) {
        this.id = id;
        this.inbound = inbound;
        this.outbound = outbound;
    }

    static CompiledAcl compile(NetworkAcl acl) {
        List<Entry> in = new ArrayList<>();
        List<Entry> out = new ArrayList<>();
        for (NetworkAclEntry e : acl.entries()) {
            try {
                String cidr = e.cidrIpv4() != null ? e.cidrIpv4() : e.cidrIpv6();
                if (cidr == null) {
                    throw new IllegalArgumentException("the entry names no CIDR block");
                }
                Entry c = new Entry(
                        e.ruleNumber(),
                        e.egress(),
                        Protocols.parse(e.protocol()),
                        e.allow(),
                        Cidr.parse(cidr),
                        e.fromPort(),
                        e.toPort());
                (e.egress() ? out : in).add(c);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "network ACL " + acl.id() + " entry " + e.ruleNumber() + ": " + ex.getMessage(), ex);
            }
        }
        in.sort(Comparator.comparingInt(Entry::ruleNumber));
        out.sort(Comparator.comparingInt(Entry::ruleNumber));
        return new CompiledAcl(acl.id(), in.toArray(Entry[]::new), out.toArray(Entry[]::new));
    }

    /**
     * Whether the ACL lets a packet through in one direction.
     *
     * @param remote  the address on the other side (source of an inbound packet, destination of an outbound one)
     * @param dstPort the packet's destination port
     */
    boolean allows(boolean egress, int protocol, int dstPort, IpAddress remote) {
        return deciding(egress, protocol, dstPort, remote) > 0;
    }

    /**
     * Which entry denies the packet ({@code acl-… entry 100}, or the ACL's implicit deny), or null when an entry
     * allows it.
     */
    String denial(boolean egress, int protocol, int dstPort, IpAddress remote) {
        int entry = deciding(egress, protocol, dstPort, remote);
        return entry > 0 ? null : entry == 0 ? id + " (no entry matches: denied)" : id + " entry " + -entry;
    }

    /** The number of the entry that allows the packet; minus that of the one that denies it; 0 when none matches. */
    private int deciding(boolean egress, int protocol, int dstPort, IpAddress remote) {
        for (Entry e : egress ? outbound : inbound) {
            if (!e.cidr.contains(remote)) {
                continue;
            }
            if (e.protocol != Protocols.ALL && e.protocol != protocol) {
                continue;
            }
            if (Protocols.hasPorts(e.protocol) && e.fromPort != -1 && (dstPort < e.fromPort || dstPort > e.toPort)) {
                continue;
            }
            // Entry numbers are 1 to 32766 (AWS's own last rule, 32767 and more, only ever denies).
            return e.allow ? Math.max(1, e.ruleNumber) : -Math.max(1, e.ruleNumber);
        }
        return 0;
    }
}
