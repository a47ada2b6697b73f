package io.vpcflow.whatif;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.sg.RuleKey;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A proposed change to security groups and network ACLs: each snapshot of an inventory as it would be with the
 * change applied ({@link #apply}). Interfaces and the groups they carry stay as they stood; only rules change.
 *
 * <p>A group is either replaced whole (a proposed inventory folder) or edited: rules removed and rules added, each
 * by {@link RuleKey}, so a rule that a plan shows twice is one rule and removing a rule the inventory lacks changes
 * nothing (and is named in {@link #notices()}). Groups a plan creates have no id yet: they get {@code new:} and
 * their address, and no interface carries them.
 */
public final class Proposal implements UnaryOperator<InventorySnapshot> {
    /** The prefix of the id given to a group that does not exist yet. */
    public static final String NEW_GROUP = "new:";

    private final Map<String, Edit> edits;
    private final List<SecurityGroup> newGroups;
    private final Map<String, NetworkAcl> acls;
    private final List<String> unresolved;
    private final Set<String> notices = new LinkedHashSet<>();
    private final Set<String> changedIds = new java.util.TreeSet<>();
    /** Each changed group by the group it changes: a series of snapshots shares unchanged groups, and so this. */
    private final Map<SecurityGroup, SecurityGroup> changed = new IdentityHashMap<>();

    /** What a proposal does to one group. {@code replaceWith} non-null: the group's rules become these. */
    record Edit(
            String groupId,
            List<SecurityGroupRule> replaceWith,
            List<SecurityGroupRule> removed,
            List<SecurityGroupRule> added) {}

    private Proposal(Builder b) {
        this.edits = Map.copyOf(b.edits);
        this.newGroups = List.copyOf(b.newGroups.values());
        this.acls = Map.copyOf(b.acls);
        this.unresolved = List.copyOf(b.unresolved);
        this.notices.addAll(b.notices);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ids of the groups the proposal changes (and creates), sorted. */
    public List<String> groupIds() {
        List<String> ids = new ArrayList<>(edits.keySet());
        newGroups.forEach(g -> ids.add(g.id()));
        ids.sort(null);
        return ids;
    }

    /**
     * The groups whose rules applying the proposal changed (or that it created), sorted: a proposed inventory holds
     * every group, most of them as they stand.
     */
    public synchronized List<String> changedGroups() {
        return List.copyOf(changedIds);
    }

    /** The network ACLs the proposal replaces or adds, by id. */
    public Map<String, NetworkAcl> acls() {
        return acls;
    }

    /** What the proposal names that cannot be placed: a rule whose group could not be resolved, each once. */
    public List<String> unresolved() {
        return unresolved;
    }

    /** What applying the proposal found worth saying (a rule to remove that the inventory lacks), each once. */
    public synchronized List<String> notices() {
        return List.copyOf(notices);
    }

    /** The snapshot with the proposal applied; groups and ACLs it does not touch are the same objects. */
    @Override
    public synchronized InventorySnapshot apply(InventorySnapshot s) {
        List<SecurityGroup> groups = new ArrayList<>(s.securityGroups().size() + newGroups.size());
        Set<String> seen = new java.util.HashSet<>();
        for (SecurityGroup g : s.securityGroups()) {
            seen.add(g.id());
            Edit e = edits.get(g.id());
            SecurityGroup after = e == null ? g : changed.computeIfAbsent(g, x -> edited(x, e));
            if (after != g) {
                changedIds.add(g.id());
            }
            groups.add(after);
        }
        for (Edit e : edits.values()) {
            if (!seen.contains(e.groupId())) {
                if (e.replaceWith() != null) {
                    changedIds.add(e.groupId());
                    groups.add(new SecurityGroup(e.groupId(), null, null, null, null, e.replaceWith(), Map.of()));
                } else {
                    notices.add("the proposal changes " + e.groupId() + ", which the inventory does not hold");
                }
            }
        }
        groups.addAll(newGroups);
        newGroups.forEach(g -> changedIds.add(g.id()));
        List<NetworkAcl> networkAcls = s.networkAcls();
        if (!acls.isEmpty()) {
            networkAcls = withAcls(networkAcls);
        }
        return new InventorySnapshot(
                s.takenAt(),
                s.complete(),
                s.failedCalls(),
                s.interfaces(),
                groups,
                networkAcls,
                s.subnets(),
                s.vpcs(),
                s.prefixLists(),
                s.functions(),
                s.peerings(),
                s.transitGatewayAttachments());
    }

    private SecurityGroup edited(SecurityGroup g, Edit e) {
        List<SecurityGroupRule> base = e.replaceWith() != null ? e.replaceWith() : g.rules();
        Set<RuleKey> remove = new LinkedHashSet<>();
        for (SecurityGroupRule r : e.removed()) {
            remove.add(RuleKey.of(r));
        }
        Map<RuleKey, SecurityGroupRule> rules = new LinkedHashMap<>();
        for (SecurityGroupRule r : base) {
            RuleKey k = RuleKey.of(r);
            if (!remove.remove(k)) {
                rules.putIfAbsent(k, r);
            }
        }
        for (RuleKey k : remove) {
            notices.add(
                    "the proposal removes a rule of " + g.id() + " that the inventory does not hold: " + describe(k));
        }
        for (SecurityGroupRule r : e.added()) {
            rules.putIfAbsent(RuleKey.of(r), r);
        }
        if (rules.keySet().equals(keysOf(g.rules()))) {
            return g; // the same permissions: nothing to judge differently
        }
        return new SecurityGroup(
                g.id(), g.name(), g.description(), g.vpcId(), g.ownerId(), List.copyOf(rules.values()), g.tags());
    }

    private static Set<RuleKey> keysOf(List<SecurityGroupRule> rules) {
        Set<RuleKey> keys = new java.util.HashSet<>();
        rules.forEach(r -> keys.add(RuleKey.of(r)));
        return keys;
    }

    private List<NetworkAcl> withAcls(List<NetworkAcl> current) {
        Set<String> moved = new java.util.HashSet<>();
        acls.values().forEach(a -> moved.addAll(a.subnetIds()));
        List<NetworkAcl> out = new ArrayList<>();
        for (NetworkAcl a : current) {
            if (acls.containsKey(a.id())) {
                continue;
            }
            // A subnet has one ACL: one the proposal associates it with takes it from the one it had.
            List<String> kept =
                    a.subnetIds().stream().filter(sub -> !moved.contains(sub)).toList();
            out.add(
                    kept.size() == a.subnetIds().size()
                            ? a
                            : new NetworkAcl(a.id(), a.vpcId(), a.isDefault(), a.entries(), kept));
        }
        out.addAll(acls.values());
        return out;
    }

    /** A rule as a reader says it: {@code inbound tcp 443 from 0.0.0.0/0}. */
    public static String describe(RuleKey k) {
        String name = RuleKey.protocolName(k.protocol());
        String protocol = k.protocol() == -1 ? "all traffic" : name != null ? name : "protocol " + k.protocol();
        String ports = k.fromPort() < 0 || k.protocol() == -1
                ? ""
                : k.fromPort() == k.toPort() ? " " + k.fromPort() : " " + k.fromPort() + "-" + k.toPort();
        String target = k.target().substring(k.target().indexOf(':') + 1);
        return (k.egress() ? "outbound " : "inbound ") + protocol + ports + (k.egress() ? " to " : " from ") + target;
    }

    /** Collects a proposal's changes; several edits of one group merge. */
    public static final class Builder {
        private final Map<String, Edit> edits = new LinkedHashMap<>();
        private final Map<String, SecurityGroup> newGroups = new LinkedHashMap<>();
        private final Map<String, NetworkAcl> acls = new LinkedHashMap<>();
        private final List<String> unresolved = new ArrayList<>();
        private final List<String> notices = new ArrayList<>();

        /** The group's rules become {@code rules} (a proposed inventory's group of the same id). */
        public Builder replace(String groupId, List<SecurityGroupRule> rules) {
            edits.put(groupId, new Edit(groupId, List.copyOf(rules), List.of(), List.of()));
            return this;
        }

        /** Removes rules from a group and adds others (a plan's update); merges with earlier edits of the group. */
        public Builder edit(String groupId, List<SecurityGroupRule> removed, List<SecurityGroupRule> added) {
            if (groupId.startsWith(NEW_GROUP)) {
                SecurityGroup g = newGroups.get(groupId);
                List<SecurityGroupRule> rules = new ArrayList<>(g == null ? List.of() : g.rules());
                rules.addAll(added);
                newGroups.put(
                        groupId,
                        new SecurityGroup(
                                groupId, groupId.substring(NEW_GROUP.length()), null, null, null, rules, Map.of()));
                return this;
            }
            Edit before = edits.get(groupId);
            List<SecurityGroupRule> r = new ArrayList<>(before == null ? List.of() : before.removed());
            List<SecurityGroupRule> a = new ArrayList<>(before == null ? List.of() : before.added());
            r.addAll(removed);
            a.addAll(added);
            edits.put(groupId, new Edit(groupId, before == null ? null : before.replaceWith(), r, a));
            return this;
        }

        /** A group the proposal creates: it has no id until applied ({@link #NEW_GROUP} and its address). */
        public Builder create(String address) {
            newGroups.putIfAbsent(
                    NEW_GROUP + address,
                    new SecurityGroup(NEW_GROUP + address, address, null, null, null, List.of(), Map.of()));
            return this;
        }

        /** Every rule of the group goes (the group itself stays on the interfaces that carry it). */
        public Builder delete(String groupId) {
            edits.put(groupId, new Edit(groupId, List.of(), List.of(), List.of()));
            return this;
        }

        public Builder acl(NetworkAcl acl) {
            acls.put(acl.id(), acl);
            return this;
        }

        public Builder unresolved(String what) {
            unresolved.add(what);
            return this;
        }

        public Builder notice(String what) {
            notices.add(what);
            return this;
        }

        public Proposal build() {
            return new Proposal(this);
        }
    }
}
