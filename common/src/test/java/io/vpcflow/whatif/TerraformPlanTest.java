package io.vpcflow.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.RuleKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform plans as proposals: the four third-party plans in test resources (tfplan/SOURCES.md), each for what it
 * shows, edited copies of them for the traps they hold, and plans written here for what none of them has (the
 * provider-5 rule resources, module references, a thousand rules).
 */
class TerraformPlanTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
    static final String CLIENTS = "sg-8d21ab5963b0e7917";
    static final String PG = "sg-547cc4cd5f94bb695";
    static final String SVC = "sg-547cc4cd5f94bb696";

    static ObjectNode plan(String name) throws IOException {
        try (InputStream in = TerraformPlanTest.class.getResourceAsStream("/tfplan/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static SecurityGroupRule rule(
            String id, String group, boolean egress, String protocol, int from, int to, String cidr, String sg) {
        return new SecurityGroupRule(id, group, egress, protocol, from, to, cidr, null, null, sg, null);
    }

    static SecurityGroup group(String id, SecurityGroupRule... rules) {
        return new SecurityGroup(id, id, "", "vpc-1", "123456789012", List.of(rules), Map.of());
    }

    static NetworkInterface eni(String id, String ip, String... groups) {
        return Enis.interfaceNamed(id)
                .vpc("vpc-1")
                .subnet("subnet-1")
                .groups(groups)
                .addresses(ip)
                .build();
    }

    /** The estate the checkov plan edits: a database and a service, each open to one client group. */
    static InventorySnapshot checkovEstate() {
        return new InventorySnapshot(
                Instant.ofEpochSecond(T - 3600),
                true,
                List.of(),
                List.of(
                        eni("eni-pg", "10.0.1.10", PG),
                        eni("eni-svc", "10.0.1.11", SVC),
                        eni("eni-client", "10.0.1.20", CLIENTS)),
                List.of(
                        group(PG, rule("sgr-pg", PG, false, "tcp", 5432, 5432, null, CLIENTS)),
                        group(SVC, rule("sgr-svc", SVC, false, "tcp", 8888, 8888, null, CLIENTS)),
                        group(CLIENTS, rule("sgr-out", CLIENTS, true, "-1", -1, -1, "0.0.0.0/0", null))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static FlowRow record(
            String eni, String src, int sport, String dst, int dport, int protocol, Action action, int flags) {
        FlowRow r = new FlowRow();
        r.version = 2;
        r.accountId = "123456789012";
        r.interfaceId = eni;
        r.srcaddr = IpAddress.parse(src);
        r.dstaddr = IpAddress.parse(dst);
        r.srcport = sport;
        r.dstport = dport;
        r.protocol = protocol;
        r.packets = 10;
        r.bytes = 1000;
        r.start = T;
        r.end = T + 60;
        r.action = action;
        r.logStatus = LogStatus.OK;
        r.tcpFlags = flags;
        return r;
    }

    static WhatIf whatIf(InventorySnapshot estate, Proposal p) {
        OwnershipTimeline timeline = OwnershipTimeline.of(List.of(estate));
        return new WhatIf(timeline, new IntentEvaluator(timeline), p, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static List<RuleKey> keys(SecurityGroup g) {
        return g.rules().stream().map(RuleKey::of).toList();
    }

    static SecurityGroup groupAfter(InventorySnapshot s, Proposal p, String id) {
        return p.apply(s).securityGroupsById().get(id);
    }

    @Test
    void checkovsPlanWidensOnePortAndMovesTcpToUdpOnTheOther() throws IOException {
        // foo: tcp 5432 -> 5432-5433 (widening: nothing breaks, 5433 opens); bar: tcp 8888 -> udp 8888 (TCP breaks).
        Proposal p = TerraformPlan.parse(plan("checkov_plan_change_keys_tfplan.json"));
        WhatIf w = whatIf(checkovEstate(), p);
        int syn = 2;
        int synAck = 18;
        assertThat(w.add(record("eni-pg", "10.0.1.20", 40000, "10.0.1.10", 5432, 6, Action.ACCEPT, syn)))
                .isNull();
        assertThat(w.add(record("eni-pg", "10.0.1.20", 40001, "10.0.1.10", 5433, 6, Action.REJECT, syn)))
                .isEqualTo(WhatIf.Change.WOULD_ALLOW);
        assertThat(w.add(record("eni-svc", "10.0.1.20", 40002, "10.0.1.11", 8888, 6, Action.ACCEPT, syn)))
                .isEqualTo(WhatIf.Change.WOULD_BLOCK);
        // The service's own record of the response: its connection's rule is gone, so it breaks too.
        assertThat(w.add(record("eni-svc", "10.0.1.11", 8888, "10.0.1.20", 40002, 6, Action.ACCEPT, synAck)))
                .isEqualTo(WhatIf.Change.WOULD_BLOCK);
        assertThat(w.add(record("eni-svc", "10.0.1.20", 40003, "10.0.1.11", 8888, 17, Action.REJECT, 0)))
                .isEqualTo(WhatIf.Change.WOULD_ALLOW);
        assertThat(w.totals(WhatIf.Change.WOULD_BLOCK).flows()).isEqualTo(2);
        assertThat(w.totals(WhatIf.Change.WOULD_ALLOW).flows()).isEqualTo(2);
        assertThat(w.groups())
                .filteredOn(g -> g.key().change() == WhatIf.Change.WOULD_BLOCK)
                .extracting(g -> g.key().port() + " " + g.key().ruleBefore() + " "
                        + g.key().ruleAfter())
                .containsOnly("8888 sgr-svc null");
        assertThat(p.changedGroups()).containsExactly(PG, SVC);
        assertThat(p.unresolved()).isEmpty();
    }

    /** The groups of the terraform-compliance issue-249 stack as its plan's before states describe them. */
    static InventorySnapshot stackEstate() {
        String asg = "sg-064772947d40297ad";
        String alb = "sg-0facdb20f33578aa9";
        return new InventorySnapshot(
                Instant.ofEpochSecond(T - 3600),
                true,
                List.of(),
                List.of(eni("eni-asg", "10.0.2.10", asg), eni("eni-alb", "10.0.1.10", alb)),
                List.of(
                        group(
                                asg,
                                rule("sgr-22", asg, false, "tcp", 22, 22, "10.0.0.0/8", null),
                                rule("sgr-443", asg, false, "tcp", 443, 443, "10.0.0.0/8", null),
                                rule("sgr-4000", asg, false, "tcp", 4000, 4000, null, alb)),
                        group(
                                alb,
                                rule("sgr-alb-443", alb, false, "tcp", 443, 443, "10.0.0.0/8", null),
                                rule("sgr-alb-out", alb, true, "-1", 0, 0, "0.0.0.0/0", null))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static ObjectNode change(ObjectNode plan, String address) {
        for (JsonNode rc : plan.path("resource_changes")) {
            if (rc.path("address").asText().equals(address)) {
                return (ObjectNode) rc.path("change");
            }
        }
        throw new AssertionError(address);
    }

    @Test
    void aStackWhoseOnlyGroupUpdateIsItsTagsChangesNoRule() throws IOException {
        // issue-249: module addresses, no-op rules, and module.alb's group updated for its tags only.
        Proposal p = TerraformPlan.parse(plan("terraform-compliance_test_issue-249_plan.out.json"));
        InventorySnapshot s = stackEstate();
        InventorySnapshot after = p.apply(s);
        assertThat(after.securityGroups()).isEqualTo(s.securityGroups());
        assertThat(p.changedGroups()).isEmpty();
        assertThat(p.unresolved()).isEmpty();
    }

    @Test
    void aRuleShownInlineAndAsItsOwnResourceIsOneRule() throws IOException {
        // The group's inline list still shows the ssh rule its own resource manages; the resource is deleted.
        ObjectNode plan = plan("terraform-compliance_test_issue-249_plan.out.json");
        ObjectNode group = change(plan, "module.myapp-asg.aws_security_group.sg_asg");
        group.set("actions", JSON.createArrayNode().add("update"));
        ObjectNode ssh = change(plan, "aws_security_group_rule.asg-ingress-ssh");
        ssh.set("actions", JSON.createArrayNode().add("delete"));
        ssh.set("after", null);
        Proposal deleted = TerraformPlan.parse(plan);
        assertThat(keys(groupAfter(stackEstate(), deleted, "sg-064772947d40297ad")))
                .extracting(RuleKey::fromPort)
                .containsExactly(443, 4000);

        // Now the resource moves ssh to 2222: one 2222 rule, and 22 gone although the inline list shows it.
        ObjectNode moved = plan("terraform-compliance_test_issue-249_plan.out.json");
        ObjectNode g2 = change(moved, "module.myapp-asg.aws_security_group.sg_asg");
        g2.set("actions", JSON.createArrayNode().add("update"));
        ObjectNode ssh2 = change(moved, "aws_security_group_rule.asg-ingress-ssh");
        ssh2.set("actions", JSON.createArrayNode().add("update"));
        ((ObjectNode) ssh2.path("after")).put("from_port", 2222).put("to_port", 2222);
        assertThat(keys(groupAfter(stackEstate(), TerraformPlan.parse(moved), "sg-064772947d40297ad")))
                .extracting(RuleKey::fromPort)
                .containsExactlyInAnyOrder(443, 4000, 2222);
    }

    @Test
    void aNewRuleOnAnExistingGroupOpensItAndANewGroupChangesNoObservedInterface() throws IOException {
        // issue-sgr: creates allow_tls (inline tcp 1-3000 from anywhere; no interface carries it yet) and
        // allow_all, tcp 0-65535 from anywhere, on the existing sg-123456.
        Proposal p = TerraformPlan.parse(plan("terraform-compliance_test_issue-sgr_plan.out.json"));
        InventorySnapshot estate = new InventorySnapshot(
                Instant.ofEpochSecond(T - 3600),
                true,
                List.of(),
                List.of(eni("eni-x", "10.0.1.10", "sg-123456")),
                List.of(group("sg-123456")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        WhatIf w = whatIf(estate, p);
        assertThat(w.add(record("eni-x", "198.51.100.7", 50000, "10.0.1.10", 8080, 6, Action.REJECT, 2)))
                .isEqualTo(WhatIf.Change.WOULD_ALLOW);
        assertThat(groupAfter(estate, p, "new:aws_security_group.allow_tls").rules())
                .extracting(r -> r.fromPort() + "-" + r.toPort() + " " + r.cidrIpv4())
                .containsExactly("1-3000 0.0.0.0/0");
        assertThat(p.changedGroups()).containsExactly("new:aws_security_group.allow_tls", "sg-123456");
    }

    @Test
    void idsUnknownUntilApplyAreResolvedThroughTheConfigurationsReferences() throws IOException {
        // issue-234: both groups are new; the ECS rule names them through references, the self rules by self.
        Proposal p = TerraformPlan.parse(plan("terraform-compliance_test_issue-234-ingress_plan.out.json"));
        InventorySnapshot after = p.apply(checkovEstate());
        SecurityGroup ecs = after.securityGroupsById().get("new:aws_security_group.alb_ecs");
        SecurityGroup alb = after.securityGroupsById().get("new:aws_security_group.alb");
        assertThat(ecs.rules())
                .extracting(r -> r.fromPort() + " " + r.referencedGroupId())
                .containsExactly("8080 new:aws_security_group.alb");
        assertThat(alb.rules())
                .extracting(r ->
                        (r.egress() ? "out " : "in ") + r.fromPort() + "-" + r.toPort() + " " + r.referencedGroupId())
                .containsExactlyInAnyOrder(
                        "out 0-65535 new:aws_security_group.alb", "in 0-65535 new:aws_security_group.alb");
        assertThat(p.unresolved()).isEmpty();
        // Nothing observed carries the new groups: the estate's traffic is judged as before.
        WhatIf w = whatIf(checkovEstate(), p);
        assertThat(w.add(record("eni-pg", "10.0.1.20", 40000, "10.0.1.10", 5432, 6, Action.ACCEPT, 2)))
                .isNull();
    }

    @Test
    void aGroupThePlanCannotPlaceIsNamedAsUnresolved() throws IOException {
        ObjectNode plan = plan("terraform-compliance_test_issue-234-ingress_plan.out.json");
        // Without its configuration, the new rules' groups cannot be told.
        plan.remove("configuration");
        Proposal p = TerraformPlan.parse(plan);
        assertThat(p.unresolved())
                .anySatisfy(u -> assertThat(u).startsWith("aws_security_group_rule.alb_ecs_ingress: "));
    }

    /** A plan of the provider-5 rule resources, in a module, one of them naming its group by reference. */
    static ObjectNode provider5Plan() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"format_version": "1.2", "terraform_version": "1.9.0",
                 "resource_changes": [
                  {"address": "module.net.aws_security_group.svc", "module_address": "module.net", "mode": "managed",
                   "type": "aws_security_group", "name": "svc",
                   "change": {"actions": ["no-op"], "before": {"id": "sg-547cc4cd5f94bb696"}, "after": {"id": "sg-547cc4cd5f94bb696"}, "after_unknown": {}}},
                  {"address": "module.net.aws_vpc_security_group_ingress_rule.office", "module_address": "module.net",
                   "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "office",
                   "change": {"actions": ["create"], "before": null,
                    "after": {"cidr_ipv4": "198.51.100.0/24", "ip_protocol": "tcp", "from_port": 9090, "to_port": 9090},
                    "after_unknown": {"id": true, "security_group_id": true, "arn": true}}},
                  {"address": "module.net.aws_vpc_security_group_egress_rule.all", "module_address": "module.net",
                   "mode": "managed", "type": "aws_vpc_security_group_egress_rule", "name": "all",
                   "change": {"actions": ["delete"],
                    "before": {"security_group_id": "sg-8d21ab5963b0e7917", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1", "from_port": null, "to_port": null},
                    "after": null, "after_unknown": {}}}
                 ],
                 "configuration": {"root_module": {"module_calls": {"net": {"module": {"resources": [
                   {"address": "aws_vpc_security_group_ingress_rule.office", "expressions": {"security_group_id": {"references": ["aws_security_group.svc.id", "aws_security_group.svc"]}}}
                 ]}}}}}}
                """);
    }

    @Test
    void theProvider5RuleResourcesInAModuleAreReadAndTheirGroupResolved() throws IOException {
        Proposal p = TerraformPlan.parse(provider5Plan());
        InventorySnapshot after = p.apply(checkovEstate());
        assertThat(keys(after.securityGroupsById().get(SVC)))
                .containsExactlyInAnyOrder(
                        new RuleKey(false, 6, 8888, 8888, "sg:" + CLIENTS),
                        new RuleKey(false, 6, 9090, 9090, "cidr:198.51.100.0/24"));
        // The clients' only outbound rule is deleted: their connections out would break.
        assertThat(after.securityGroupsById().get(CLIENTS).rules()).isEmpty();
        WhatIf w = whatIf(checkovEstate(), p);
        assertThat(w.add(record("eni-client", "10.0.1.20", 40000, "10.0.1.11", 8888, 6, Action.ACCEPT, 2)))
                .isEqualTo(WhatIf.Change.WOULD_BLOCK);
    }

    @Test
    void aThousandRuleChangesAreEachApplied() {
        ObjectNode plan = JSON.createObjectNode().put("format_version", "1.2");
        ArrayNode changes = plan.putArray("resource_changes");
        for (int i = 0; i < 1000; i++) {
            ObjectNode rc = changes.addObject()
                    .put("address", "aws_vpc_security_group_ingress_rule.r[" + i + "]")
                    .put("mode", "managed")
                    .put("type", "aws_vpc_security_group_ingress_rule");
            ObjectNode c = rc.putObject("change");
            c.putArray("actions").add("create");
            c.putNull("before");
            c.putObject("after")
                    .put("security_group_id", SVC)
                    .put("cidr_ipv4", "10.9." + (i / 250) + "." + (i % 250) + "/32")
                    .put("ip_protocol", "tcp")
                    .put("from_port", 10000 + i)
                    .put("to_port", 10000 + i);
            c.putObject("after_unknown");
        }
        Proposal p = TerraformPlan.parse(plan);
        assertThat(groupAfter(checkovEstate(), p, SVC).rules()).hasSize(1001);
        WhatIf w = whatIf(checkovEstate(), p);
        // Rule 500 lets 10.9.2.0 reach port 10500, and no other port.
        assertThat(w.add(record("eni-svc", "10.9.2.0", 50000, "10.0.1.11", 10500, 6, Action.REJECT, 2)))
                .isEqualTo(WhatIf.Change.WOULD_ALLOW);
        assertThat(w.add(record("eni-svc", "10.9.2.0", 50001, "10.0.1.11", 10501, 6, Action.REJECT, 2)))
                .isNull();
    }

    @Test
    void aPlanThatCannotBeReadIsOneSentenceNamingTheResource(@TempDir Path dir) throws IOException {
        ObjectNode bad = plan("checkov_plan_change_keys_tfplan.json");
        ((ObjectNode) change(bad, "aws_security_group_rule.bar").path("after")).put("protocol", "bogus");
        assertThatThrownBy(() -> TerraformPlan.parse(bad))
                .isInstanceOf(ProposalException.class)
                .hasMessage("the plan's aws_security_group_rule.bar cannot be read: 'bogus' is not a protocol");

        ObjectNode noPort = plan("checkov_plan_change_keys_tfplan.json");
        ((ObjectNode) change(noPort, "aws_security_group_rule.foo").path("after")).putNull("to_port");
        assertThatThrownBy(() -> TerraformPlan.parse(noPort))
                .hasMessage(
                        "the plan's aws_security_group_rule.foo cannot be read: it has no port range for protocol tcp");

        Path notJson = Files.writeString(dir.resolve("plan.json"), "{ not json");
        assertThatThrownBy(() -> TerraformPlan.read(notJson))
                .isInstanceOf(ProposalException.class)
                .hasMessage(notJson + " is not JSON (line 1)");
        Path notAPlan = Files.writeString(dir.resolve("groups.json"), "{\"SecurityGroups\": []}");
        assertThatThrownBy(() -> TerraformPlan.read(notAPlan))
                .hasMessage(notAPlan + " is not the JSON of a Terraform plan (terraform show -json PLAN)");
    }
}
