package io.vpcflow.sg;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The security groups and network ACLs of one snapshot, compiled once when the inventory loads: a
 * malformed rule fails here with a clear message, never per record.
 */
public final class RuleIndex {
    /** The compiled inbound and outbound rules of one group. */
    record Group(String id, CompiledRule[] inbound, CompiledRule[] outbound) {
    }

    private final Map<String, Group> groups;
    private final Map<String, CompiledAcl> aclBySubnet;
    private final boolean complete;

    private RuleIndex(Map<String, Group> groups, Map<String, CompiledAcl> aclBySubnet, boolean complete) {
        this.groups = groups;
        this.aclBySubnet = aclBySubnet;
        this.complete = complete;
    }

    /** @throws InventoryException naming the group and rule (or ACL entry) that cannot be understood */
    public static RuleIndex compile(InventorySnapshot s) {
        Map<String, PrefixList> prefixLists = s.prefixListsById();
        Map<String, Group> groups = new HashMap<>();
        try {
            for (SecurityGroup g : s.securityGroups()) {
                List<CompiledRule> in = new ArrayList<>();
                List<CompiledRule> out = new ArrayList<>();
                for (SecurityGroupRule r : g.rules()) {
                    CompiledRule c = CompiledRule.compile(r, prefixLists);
                    (c.egress ? out : in).add(c);
                }
                groups.put(g.id(), new Group(g.id(), in.toArray(CompiledRule[]::new), out.toArray(CompiledRule[]::new)));
            }
            Map<String, CompiledAcl> acls = new HashMap<>();
            for (NetworkAcl acl : s.networkAcls()) {
                CompiledAcl c = CompiledAcl.compile(acl);
                acl.subnetIds().forEach(subnet -> acls.put(subnet, c));
            }
            return new RuleIndex(groups, acls, s.complete());
        } catch (IllegalArgumentException e) {
            throw new InventoryException("the inventory" + (s.takenAt() == null ? "" : " of " + s.takenAt())
                    + " has a rule vpcflow cannot read: " + e.getMessage(), e);
        }
    }

    Group group(String id) {
        return groups.get(id);
    }

    /** The network ACL guarding a subnet, or null when the inventory does not say. */
    CompiledAcl aclOf(String subnetId) {
        return subnetId == null ? null : aclBySubnet.get(subnetId);
    }

    boolean complete() {
        return complete;
    }
}
