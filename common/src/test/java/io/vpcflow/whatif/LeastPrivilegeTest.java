package io.vpcflow.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.Cidr;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.RuleKey;
import io.vpcflow.verdict.Verdict;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suggestions on the sample estate (checked against its records and by whatif) and on a small estate by hand. */
class LeastPrivilegeTest {
    static List<LeastPrivilege.Suggestion> sample;

    @BeforeAll
    static void suggest() throws Exception {
        WhatIfSampleTest.read();
        LeastPrivilege lp = new LeastPrivilege(
                WhatIfSampleTest.inventory.timeline(),
                WhatIfSampleTest.inventory.evaluator(),
                Long.MIN_VALUE,
                Long.MAX_VALUE);
        WhatIfSampleTest.rows.forEach(lp::add);
        sample = lp.suggestions();
    }

    static LeastPrivilege.Suggestion of(String ruleId) {
        return sample.stream()
                .filter(s -> s.rule().ruleId().equals(ruleId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theWebServersHttpsRuleNarrowsToThePeersItServed() {
        // Every peer that reached the web servers on 443 is one of 203.0.113.1-60: one /26 holds them all.
        Set<String> peers = new HashSet<>();
        for (FlowRow r : WhatIfSampleTest.rows) {
            if ("sgr-0web443".equals(r.sgRuleId) && r.verdict == Verdict.ALLOWED) {
                peers.add(String.valueOf(r.peerAddr));
            }
        }
        assertThat(peers)
                .hasSize(60)
                .allSatisfy(p -> assertThat(Cidr.parse("203.0.113.0/26").contains(io.vpcflow.net.IpAddress.parse(p)))
                        .isTrue());
        LeastPrivilege.Suggestion s = of("sgr-0web443");
        assertThat(s.kind()).isEqualTo(LeastPrivilege.Kind.NARROW);
        assertThat(s.peers()).isEqualTo(60);
        assertThat(s.replacements())
                .extracting(r -> Proposal.describe(RuleKey.of(r)))
                .containsExactly("inbound tcp 443 from 203.0.113.0/26");
    }

    @Test
    void aRuleIsForRemovalExactlyWhenNoRecordItAllowedIsInThePeriod() {
        Set<String> used = new HashSet<>();
        for (FlowRow r : WhatIfSampleTest.rows) {
            if (r.verdict == Verdict.ALLOWED && r.sgRuleId != null) {
                used.add(r.sgRuleId);
            }
        }
        List<InventorySnapshot> snapshots =
                WhatIfSampleTest.inventory.timeline().snapshots();
        Set<String> unused = new HashSet<>();
        snapshots
                .get(snapshots.size() - 1)
                .securityGroups()
                .forEach(g -> g.rules().forEach(r -> {
                    if (!used.contains(r.ruleId())) {
                        unused.add(r.ruleId());
                    }
                }));
        assertThat(sample.stream()
                        .filter(s -> s.kind() == LeastPrivilege.Kind.REMOVE)
                        .map(s -> s.rule().ruleId()))
                .containsExactlyInAnyOrderElementsOf(unused)
                .contains("sgr-0web80", "sgr-0dbbatch");
    }

    @Test
    void everyReplacementIsWithinItsRuleAndWhatIfBlocksNoObservedFlow() {
        for (LeastPrivilege.Suggestion s : sample) {
            RuleKey was = RuleKey.of(s.rule());
            for (SecurityGroupRule r : s.replacements()) {
                RuleKey k = RuleKey.of(r);
                assertThat(k.egress()).isEqualTo(was.egress());
                assertThat(was.protocol() == -1 || k.protocol() == was.protocol())
                        .isTrue();
                if (was.protocol() != -1 && was.fromPort() >= 0) {
                    assertThat(k.fromPort()).isBetween(was.fromPort(), was.toPort());
                    assertThat(k.toPort()).isBetween(was.fromPort(), was.toPort());
                }
                if (s.rule().cidrIpv4() != null) {
                    Cidr outer = Cidr.parse(s.rule().cidrIpv4());
                    assertThat(outer.contains(
                                    io.vpcflow.net.IpAddress.parse(r.cidrIpv4().split("/")[0])))
                            .isTrue();
                }
            }
        }
        Proposal p = LeastPrivilege.proposal(sample);
        List<WhatIf.Change> changes = WhatIfSampleTest.run(p);
        assertThat(changes).doesNotContain(WhatIf.Change.WOULD_BLOCK);
        assertThat(p.changedGroups()).contains("sg-0web", "sg-0alb", "sg-0fn");
    }

    @Test
    void anAllPortsRuleNarrowsToThePortsAndPeersUsedOnly() {
        String svc = TerraformPlanTest.SVC;
        InventorySnapshot estate = new InventorySnapshot(
                Instant.ofEpochSecond(TerraformPlanTest.T - 3600),
                true,
                List.of(),
                List.of(TerraformPlanTest.eni("eni-svc", "10.0.1.11", svc)),
                List.of(TerraformPlanTest.group(
                        svc,
                        TerraformPlanTest.rule("sgr-wide", svc, false, "tcp", 0, 65535, "0.0.0.0/0", null),
                        TerraformPlanTest.rule("sgr-any", svc, false, "-1", -1, -1, "198.51.100.0/24", null),
                        TerraformPlanTest.rule(null, svc, false, "udp", 53, 53, "10.0.0.0/8", null))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        OwnershipTimeline timeline = OwnershipTimeline.of(List.of(estate));
        LeastPrivilege lp = new LeastPrivilege(timeline, new IntentEvaluator(timeline), Long.MIN_VALUE, Long.MAX_VALUE);
        int syn = 2;
        lp.add(TerraformPlanTest.record("eni-svc", "10.9.0.1", 50000, "10.0.1.11", 80, 6, Action.ACCEPT, syn));
        lp.add(TerraformPlanTest.record("eni-svc", "10.9.5.7", 50001, "10.0.1.11", 81, 6, Action.ACCEPT, syn));
        lp.add(TerraformPlanTest.record("eni-svc", "192.0.2.9", 50002, "10.0.1.11", 443, 6, Action.ACCEPT, syn));
        // The server's own record of a response: the rule was matched for port 443, not the client's port.
        lp.add(TerraformPlanTest.record("eni-svc", "10.0.1.11", 443, "192.0.2.9", 50002, 6, Action.ACCEPT, 18));
        lp.add(TerraformPlanTest.record("eni-svc", "198.51.100.4", 0, "10.0.1.11", 0, 1, Action.ACCEPT, -1));
        List<LeastPrivilege.Suggestion> s = lp.suggestions();
        assertThat(s).extracting(x -> x.rule().ruleId()).containsExactly("sgr-wide", "sgr-any");
        // A rule without an id is never suggested on, and is named for the report.
        assertThat(lp.withoutIds()).extracting(SecurityGroupRule::fromPort).containsExactly(53);
        assertThat(s.get(0).replacements())
                .extracting(r -> Proposal.describe(RuleKey.of(r)))
                .containsExactly(
                        "inbound tcp 80-81 from 10.9.0.1/32",
                        "inbound tcp 80-81 from 10.9.5.7/32",
                        "inbound tcp 80-81 from 192.0.2.9/32",
                        "inbound tcp 443 from 10.9.0.1/32",
                        "inbound tcp 443 from 10.9.5.7/32",
                        "inbound tcp 443 from 192.0.2.9/32");
        assertThat(s.get(0).flows()).isEqualTo(4);
        // All protocols, used by one ICMP peer: ICMP only, from that peer.
        assertThat(s.get(1).replacements())
                .extracting(r -> Proposal.describe(RuleKey.of(r)))
                .containsExactly("inbound icmp from 198.51.100.4/32");
    }

    @Test
    void terraformTextFromAnInventoryCannotInterpolateOrBreakOutOfItsString() {
        assertThat(TerraformRules.string("a\"b${x}%{y}\n\\ $z")).isEqualTo("\"a\\\"b$${x}%%{y}\\n\\\\ $z\"");
        assertThat(TerraformRules.string("\u202ebad\u0007")).isEqualTo("\"\\u202ebad\\u0007\"");
        assertThat(TerraformRules.name("sgr-0web443-narrowed-1\"{}")).isEqualTo("vpcflow_sgr_0web443_narrowed_1___");
    }
}
