package io.vpcflow.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.sg.RuleKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The security-group changes of a {@code terraform show -json} plan as a {@link Proposal}: {@code
 * aws_security_group} (inline {@code ingress}/{@code egress}), {@code aws_security_group_rule}, and {@code
 * aws_vpc_security_group_ingress_rule}/{@code _egress_rule}; create, update, delete and replace, in modules too.
 *
 * <p>A group's inline lists also show the rules its own rule resources manage: a group's change is what its inline
 * lists gained and lost, and a rule is one {@link RuleKey} however many resources show it. An id the plan does not
 * know yet (a group it creates) is resolved through the configuration's references to the resource that will have
 * it; what cannot be resolved is named in {@link Proposal#unresolved()}.
 */
public final class TerraformPlan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "aws_security_group";
    private static final String RULE = "aws_security_group_rule";
    private static final String INGRESS = "aws_vpc_security_group_ingress_rule";
    private static final String EGRESS = "aws_vpc_security_group_egress_rule";

    private final Map<String, JsonNode> changes = new LinkedHashMap<>();
    /** Each resource's configuration expressions by its address without an index ({@code module.a.aws_x.y}). */
    private final Map<String, JsonNode> expressions = new HashMap<>();

    private final Proposal.Builder proposal = Proposal.builder();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private TerraformPlan() {}

    /** Whether {@code root} looks like a plan (so a caller can tell a plan from an inventory file). */
    public static boolean isPlan(JsonNode root) {
        return root.isObject()
                && (root.has("resource_changes") || root.has("planned_values"))
                && root.has("format_version");
    }

    /** @throws ProposalException naming the resource (or the file) that cannot be read */
    public static Proposal read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.newBufferedReader(file));
        } catch (JsonProcessingException e) {
            throw new ProposalException(
                    file + " is not JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ProposalException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !isPlan(root)) {
            throw new ProposalException(file + " is not the JSON of a Terraform plan (terraform show -json PLAN)");
        }
        return parse(root);
    }

    /** @throws ProposalException naming the resource that cannot be read */
    public static Proposal parse(JsonNode root) {
        TerraformPlan p = new TerraformPlan();
        for (JsonNode rc : root.path("resource_changes")) {
            p.changes.put(rc.path("address").asText(), rc);
        }
        p.collectExpressions(root.path("configuration").path("root_module"), "");
        for (JsonNode rc : p.changes.values()) {
            String type = rc.path("type").asText();
            if (!type.equals(GROUP) && !type.equals(RULE) && !type.equals(INGRESS) && !type.equals(EGRESS)) {
                continue;
            }
            if (!rc.path("mode").asText("managed").equals("managed")) {
                continue; // a data source reads a group, it does not change one
            }
            try {
                p.change(rc, type);
            } catch (IllegalArgumentException e) {
                throw new ProposalException(
                        "the plan's " + rc.path("address").asText() + " cannot be read: " + e.getMessage());
            }
        }
        p.unresolved.forEach(p.proposal::unresolved);
        return p.proposal.build();
    }

    private void collectExpressions(JsonNode module, String prefix) {
        for (JsonNode r : module.path("resources")) {
            expressions.put(prefix + r.path("address").asText(), r.path("expressions"));
        }
        module.path("module_calls")
                .fields()
                .forEachRemaining(call ->
                        collectExpressions(call.getValue().path("module"), prefix + "module." + call.getKey() + "."));
    }

    private void change(JsonNode rc, String type) {
        String address = rc.path("address").asText();
        Set<String> actions = new LinkedHashSet<>();
        rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
        boolean creates = actions.contains("create");
        boolean deletes = actions.contains("delete");
        boolean updates = actions.contains("update");
        if (!creates && !deletes && !updates) {
            return; // no-op, read
        }
        JsonNode before = rc.path("change").path("before");
        JsonNode after = rc.path("change").path("after");
        JsonNode unknown = rc.path("change").path("after_unknown");
        if (type.equals(GROUP)) {
            group(address, actions, before, after, unknown);
            return;
        }
        boolean hadRule = before.isObject();
        boolean hasRule = after.isObject() && (creates || updates);
        String groupBefore = hadRule ? before.path("security_group_id").asText(null) : null;
        List<SecurityGroupRule> rulesBefore = hadRule ? rules(rc, type, before, groupBefore, null) : List.of();
        if (groupBefore != null) {
            proposal.edit(groupBefore, rulesBefore, List.of());
        }
        if (hasRule) {
            String groupAfter = resolve(rc, after, unknown, "security_group_id");
            if (groupAfter == null) {
                unresolved.add(address + ": the group it belongs to is not known until apply");
                return;
            }
            proposal.edit(groupAfter, List.of(), rules(rc, type, after, groupAfter, unknown));
        }
    }

    private void group(String address, Set<String> actions, JsonNode before, JsonNode after, JsonNode unknown) {
        String id = before.isObject() ? before.path("id").asText(null) : null;
        boolean creates = actions.contains("create");
        boolean updates = actions.contains("update");
        if (id == null) {
            // Created: a group no interface carries yet; rules that name it resolve to it.
            proposal.create(address);
            if (after.isObject()) {
                proposal.edit(
                        Proposal.NEW_GROUP + address,
                        List.of(),
                        inline(address, after, Proposal.NEW_GROUP + address, unknown));
            }
            return;
        }
        if (!creates && !updates) {
            proposal.delete(id);
            return;
        }
        List<SecurityGroupRule> was = inline(address, before, id, null);
        List<SecurityGroupRule> will = inline(address, after, id, unknown);
        for (String list : new String[] {"ingress", "egress"}) {
            if (unknown.path(list).asBoolean(false)) {
                // Not set in the configuration: the group's rules are managed elsewhere, as they stand.
                boolean egress = list.equals("egress");
                will.removeIf(r -> r.egress() == egress);
                was.stream().filter(r -> r.egress() == egress).forEach(will::add);
            }
        }
        Set<RuleKey> wasKeys = keys(was);
        Set<RuleKey> willKeys = keys(will);
        List<SecurityGroupRule> removed =
                was.stream().filter(r -> !willKeys.contains(RuleKey.of(r))).toList();
        List<SecurityGroupRule> added =
                will.stream().filter(r -> !wasKeys.contains(RuleKey.of(r))).toList();
        if (!removed.isEmpty() || !added.isEmpty()) {
            proposal.edit(id, removed, added);
        }
    }

    private static Set<RuleKey> keys(List<SecurityGroupRule> rules) {
        Set<RuleKey> out = new LinkedHashSet<>();
        rules.forEach(r -> out.add(RuleKey.of(r)));
        return out;
    }

    /** The inline {@code ingress} and {@code egress} rules of a group's state, one per target. */
    private List<SecurityGroupRule> inline(String address, JsonNode state, String groupId, JsonNode unknown) {
        List<SecurityGroupRule> out = new ArrayList<>();
        for (String list : new String[] {"ingress", "egress"}) {
            JsonNode blocks = state.path(list);
            for (int i = 0; i < blocks.size(); i++) {
                JsonNode b = blocks.get(i);
                String ruleId = address + "." + list + "[" + i + "]";
                targets(
                        out,
                        ruleId,
                        groupId,
                        list.equals("egress"),
                        b,
                        b.path("self").asBoolean(false));
                for (JsonNode sg : b.path("security_groups")) {
                    out.add(rule(ruleId, groupId, list.equals("egress"), b, null, null, null, groupIdOf(sg.asText())));
                }
                if (unknown != null
                        && unknown.path(list).path(i).path("security_groups").asBoolean(false)) {
                    unresolved.add(ruleId + ": the groups it names are not known until apply");
                }
            }
        }
        return out;
    }

    /** An {@code aws_security_group_rule} (one rule per target) or one of the provider-5 rule resources. */
    private List<SecurityGroupRule> rules(JsonNode rc, String type, JsonNode state, String groupId, JsonNode unknown) {
        String address = rc.path("address").asText();
        List<SecurityGroupRule> out = new ArrayList<>();
        if (type.equals(RULE)) {
            String kind = state.path("type").asText("");
            if (!kind.equals("ingress") && !kind.equals("egress")) {
                throw new IllegalArgumentException("its type is '" + kind + "', not ingress or egress");
            }
            boolean egress = kind.equals("egress");
            targets(out, address, groupId, egress, state, state.path("self").asBoolean(false));
            String source = unknown == null
                    ? state.path("source_security_group_id").asText(null)
                    : resolve(rc, state, unknown, "source_security_group_id");
            if (source != null) {
                out.add(rule(address, groupId, egress, state, null, null, null, source));
            } else if (unknown != null
                    && unknown.path("source_security_group_id").asBoolean(false)
                    && out.isEmpty()) {
                unresolved.add(address + ": the group it names is not known until apply");
            }
            return out;
        }
        boolean egress = type.equals(EGRESS);
        String protocol = state.path("ip_protocol").asText(null);
        String referenced = unknown == null
                ? state.path("referenced_security_group_id").asText(null)
                : resolve(rc, state, unknown, "referenced_security_group_id");
        SecurityGroupRule r = new SecurityGroupRule(
                address,
                groupId,
                egress,
                protocol,
                port(state.path("from_port"), protocol),
                port(state.path("to_port"), protocol),
                state.path("cidr_ipv4").asText(null),
                state.path("cidr_ipv6").asText(null),
                state.path("prefix_list_id").asText(null),
                referenced,
                state.path("description").asText(null));
        if (r.cidrIpv4() == null && r.cidrIpv6() == null && r.prefixListId() == null && r.referencedGroupId() == null) {
            if (unknown != null && unknown.path("referenced_security_group_id").asBoolean(false)) {
                unresolved.add(address + ": the group it names is not known until apply");
                return out;
            }
            throw new IllegalArgumentException("it names no cidr_ipv4, cidr_ipv6, prefix_list_id or referenced group");
        }
        RuleKey.of(r); // the protocol is checked here, with the resource named
        out.add(r);
        return out;
    }

    /** The CIDR, IPv6 CIDR, prefix list and self targets of a rule block. */
    private static void targets(
            List<SecurityGroupRule> out, String ruleId, String groupId, boolean egress, JsonNode b, boolean self) {
        for (JsonNode c : b.path("cidr_blocks")) {
            out.add(rule(ruleId, groupId, egress, b, c.asText(), null, null, null));
        }
        for (JsonNode c : b.path("ipv6_cidr_blocks")) {
            out.add(rule(ruleId, groupId, egress, b, null, c.asText(), null, null));
        }
        for (JsonNode c : b.path("prefix_list_ids")) {
            out.add(rule(ruleId, groupId, egress, b, null, null, c.asText(), null));
        }
        if (self) {
            out.add(rule(ruleId, groupId, egress, b, null, null, null, groupId));
        }
    }

    private static SecurityGroupRule rule(
            String ruleId,
            String groupId,
            boolean egress,
            JsonNode b,
            String cidr,
            String cidr6,
            String pl,
            String sg) {
        String protocol = b.path("protocol").asText(null);
        if (protocol == null) {
            throw new IllegalArgumentException("it has no protocol");
        }
        SecurityGroupRule r = new SecurityGroupRule(
                ruleId,
                groupId,
                egress,
                protocol,
                port(b.path("from_port"), protocol),
                port(b.path("to_port"), protocol),
                cidr,
                cidr6,
                pl,
                sg,
                b.path("description").asText(null));
        RuleKey.of(r);
        return r;
    }

    private static int port(JsonNode n, String protocol) {
        if (n.isMissingNode() || n.isNull()) {
            if (protocol != null && RuleKey.protocolNumber(protocol) == -1) {
                return -1;
            }
            throw new IllegalArgumentException("it has no port range for protocol " + protocol);
        }
        if (!n.canConvertToInt() || n.asInt() < -1 || n.asInt() > 65535) {
            throw new IllegalArgumentException("'" + n.asText() + "' is not a port");
        }
        return n.asInt();
    }

    /** A group id as inline {@code security_groups} name it: {@code sg-…}, or {@code account/sg-…} across accounts. */
    private static String groupIdOf(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(slash + 1);
    }

    /**
     * A group id attribute of a resource's planned state: the value when known, else the group the configuration
     * refers to (its id, or {@code new:} and its address when the plan creates it), else null.
     */
    private String resolve(JsonNode rc, JsonNode after, JsonNode unknown, String attribute) {
        String known = after.path(attribute).asText(null);
        if (known != null && !known.isEmpty()) {
            return known;
        }
        if (!unknown.path(attribute).asBoolean(false)) {
            return null;
        }
        String module = rc.path("module_address").asText("");
        String prefix = module.isEmpty() ? "" : module + ".";
        String configured = rc.path("address").asText().replaceAll("\\[[^\\]]*\\]", "");
        for (JsonNode ref : expressions
                .getOrDefault(configured, JSON.createObjectNode())
                .path(attribute)
                .path("references")) {
            String[] parts = ref.asText().split("\\.");
            if (parts.length < 2 || !parts[0].equals(GROUP)) {
                continue;
            }
            JsonNode group = changes.get(prefix + parts[0] + "." + parts[1]);
            if (group == null) {
                group = changes.get(prefix + parts[0] + "." + parts[1] + "[0]");
            }
            if (group == null) {
                continue;
            }
            // A replaced group's rules are edited under the id it had (see group()): its rules' references follow.
            String id = group.path("change").path("before").path("id").asText(null);
            if (id == null) {
                id = group.path("change").path("after").path("id").asText(null);
            }
            return id != null ? id : Proposal.NEW_GROUP + group.path("address").asText();
        }
        return null;
    }
}
