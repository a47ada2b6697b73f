package io.vpcflow.sg;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The security groups and network ACLs of one snapshot, compiled once when the inventory loads: a
 * malformed rule fails here with a clear message, never per record.
 */
public final class RuleIndex {
    /**
     * The compiled inbound and outbound rules of one group, and the port ranges its inbound rules open
     * specifically (not all ports) as flat {@code [from, to, from, to, ...]} arrays for TCP and UDP: the
     * question every record without tcp-flags asks to tell a server port from a client port. {@code namesMissing}:
     * whether a rule names what the inventory lacks (most groups' rules do not, and records skip the question).
     */
    record Group(
            String id,
            CompiledRule[] inbound,
            CompiledRule[] outbound,
            int[] tcpInboundPorts,
            int[] udpInboundPorts,
            boolean namesMissing) {
        static Group of(String id, CompiledRule[] inbound, CompiledRule[] outbound) {
            boolean missing = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(inbound), java.util.Arrays.stream(outbound))
                    .anyMatch(r -> r.missingId != null);
            return new Group(id, inbound, outbound, specificPorts(inbound, 6), specificPorts(inbound, 17), missing);
        }

        private static int[] specificPorts(CompiledRule[] rules, int protocol) {
            return java.util.Arrays.stream(rules)
                    .filter(r -> r.protocol == protocol && opensSpecificPorts(r))
                    .flatMapToInt(r -> java.util.stream.IntStream.of(r.fromPort, r.toPort))
                    .toArray();
        }

        /** A rule naming ports, not all of them. */
        static boolean opensSpecificPorts(CompiledRule r) {
            return r.fromPort > 0 && r.toPort < 65535;
        }

        /** Whether an inbound rule names this port specifically. */
        boolean inboundOpens(int protocol, int port) {
            int[] ranges = protocol == 6 ? tcpInboundPorts : protocol == 17 ? udpInboundPorts : null;
            if (ranges != null) {
                for (int i = 0; i < ranges.length; i += 2) {
                    if (port >= ranges[i] && port <= ranges[i + 1]) {
                        return true;
                    }
                }
                return false;
            }
            for (CompiledRule r : inbound) {
                if (r.protocol == protocol && opensSpecificPorts(r) && port >= r.fromPort && port <= r.toPort) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<String, Group> groups;
    private final Map<String, CompiledAcl> aclBySubnet;
    private final boolean complete;
    /** Each group's compiled form by the group object it came from, for the next snapshot to reuse. */
    private final Map<SecurityGroup, Group> compiledFrom;

    private final List<PrefixList> prefixLists;
    /** What the snapshot's rules and interfaces name that it lacks, by id: a description of one place naming it. */
    private final Map<String, String> gaps;

    private RuleIndex(
            Map<String, Group> groups,
            Map<String, CompiledAcl> aclBySubnet,
            boolean complete,
            Map<SecurityGroup, Group> compiledFrom,
            List<PrefixList> prefixLists,
            Map<String, String> gaps) {
        this.gaps = gaps;
        this.compiledFrom = compiledFrom;
        this.prefixLists = prefixLists;
        this.groups = groups;
        this.aclBySubnet = aclBySubnet;
        this.complete = complete;
    }

    /** @throws InventoryException naming the group and rule (or ACL entry) that cannot be understood */
    public static RuleIndex compile(InventorySnapshot s) {
        return compile(s, null);
    }

    /**
     * As {@link #compile(InventorySnapshot)}, reusing the compiled form of every group that is the same object
     * in {@code previous}'s snapshot (a series shares unchanged groups) when the prefix lists did not change.
     */
    public static RuleIndex compile(InventorySnapshot s, RuleIndex previous) {
        Map<String, PrefixList> prefixLists = s.prefixListsById();
        Set<String> groupIds = s.securityGroupsById().keySet();
        // A rule compiled before is the same while what it names is: the same prefix lists, and groups.
        Map<SecurityGroup, Group> reusable = previous != null
                        && previous.prefixLists.equals(s.prefixLists())
                        && previous.groups.keySet().equals(groupIds)
                ? previous.compiledFrom
                : Map.of();
        Map<String, String> gaps = new TreeMap<>();
        Map<String, Group> groups = new HashMap<>();
        Map<SecurityGroup, Group> compiledFrom = new java.util.IdentityHashMap<>();
        try {
            for (SecurityGroup g : s.securityGroups()) {
                Group compiled = reusable.get(g);
                if (compiled == null) {
                    List<CompiledRule> in = new ArrayList<>();
                    List<CompiledRule> out = new ArrayList<>();
                    for (SecurityGroupRule r : g.rules()) {
                        CompiledRule c = CompiledRule.compile(r, prefixLists, groupIds);
                        (c.egress ? out : in).add(c);
                    }
                    compiled = Group.of(g.id(), in.toArray(CompiledRule[]::new), out.toArray(CompiledRule[]::new));
                }
                groups.put(g.id(), compiled);
                compiledFrom.put(g, compiled);
                for (CompiledRule[] rules : new CompiledRule[][] {compiled.inbound(), compiled.outbound()}) {
                    for (CompiledRule c : rules) {
                        if (c.missingId != null && !gaps.containsKey(c.missingId)) {
                            gaps.put(
                                    c.missingId,
                                    c.missingKind + " " + c.missingId + " (named by rule " + c.ruleId + " of "
                                            + c.groupId + ")");
                        }
                    }
                }
            }
            Map<String, CompiledAcl> acls = new HashMap<>();
            for (NetworkAcl acl : s.networkAcls()) {
                CompiledAcl c = CompiledAcl.compile(acl);
                acl.subnetIds().forEach(subnet -> acls.put(subnet, c));
            }
            for (NetworkInterface eni : s.interfaces()) {
                if (eni.securityGroupIds().isEmpty()) {
                    continue; // nothing of ours is judged on it
                }
                for (String id : eni.securityGroupIds()) {
                    if (!groupIds.contains(id)) {
                        gaps.putIfAbsent(id, "security group " + id + " (on " + eni.id() + ")");
                    }
                }
                if (eni.subnetId() != null && !acls.containsKey(eni.subnetId())) {
                    gaps.putIfAbsent(
                            eni.subnetId(),
                            "the network ACL of " + eni.subnetId() + " (the subnet of " + eni.id() + ")");
                }
            }
            return new RuleIndex(groups, acls, s.complete(), compiledFrom, s.prefixLists(), gaps);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(
                    "the inventory" + (s.takenAt() == null ? "" : " of " + s.takenAt())
                            + " has a rule vpcflow cannot read: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The compiled groups of an interface's group ids, in order; null for a group this snapshot lacks. A record
     * resolves them once for all the questions it asks. (A map of every interface's resolved groups, per
     * snapshot, cost 136 MiB for a day of 100,000 interfaces and no measurable time.)
     */
    Group[] groupsOf(List<String> ids) {
        Group[] out = new Group[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(ids.get(i));
        }
        return out;
    }

    /** The network ACL guarding a subnet, or null when the inventory does not say. */
    CompiledAcl aclOf(String subnetId) {
        return subnetId == null ? null : aclBySubnet.get(subnetId);
    }

    boolean complete() {
        return complete;
    }

    /** What the snapshot's rules and interfaces name that it lacks, by id, each with one place that names it. */
    public Map<String, String> gaps() {
        return gaps;
    }
}
