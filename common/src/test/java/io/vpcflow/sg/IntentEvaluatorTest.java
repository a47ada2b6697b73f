package io.vpcflow.sg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Flow;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Judgement;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule kind, verdict and reason, on a small estate of two snapshots an hour apart (12:00 and
 * 13:00). Between them the rule sgr-web-8080 was removed.
 */
class IntentEvaluatorTest {
    static final long T12 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
    static final long T13 = Instant.parse("2026-11-26T13:00:00Z").getEpochSecond();
    static final int NO_FLAGS = -1;

    static final OwnershipTimeline TIMELINE = OwnershipTimeline.of(List.of(snapshot(T12, true), snapshot(T13, false)));
    static final IntentEvaluator EVALUATOR = new IntentEvaluator(TIMELINE);

    static InventorySnapshot snapshot(long time, boolean with8080) {
        List<SecurityGroupRule> web = new ArrayList<>(List.of(
                in("sgr-web-443", "sg-web", "tcp", 443, 443, "0.0.0.0/0"),
                in("sgr-web-8443", "sg-web", "tcp", 8443, 8443, "0.0.0.0/0"),
                new SecurityGroupRule(
                        "sgr-web-ssh", "sg-web", false, "tcp", 22, 22, null, null, "pl-office", null, null),
                in("sgr-web-ping", "sg-web", "icmp", 8, -1, "0.0.0.0/0"),
                new SecurityGroupRule(
                        "sgr-web-v6", "sg-web", false, "tcp", 80, 80, null, "2001:db8::/32", null, null, null),
                out("sgr-web-out", "sg-web", "-1", -1, -1, "0.0.0.0/0")));
        if (with8080) {
            web.add(in("sgr-web-8080", "sg-web", "tcp", 8080, 8080, "0.0.0.0/0"));
        }
        List<SecurityGroup> groups = List.of(
                new SecurityGroup("sg-web", "web", "", "vpc-1", "1", web, Map.of()),
                new SecurityGroup(
                        "sg-db",
                        "db",
                        "",
                        "vpc-1",
                        "1",
                        List.of(
                                new SecurityGroupRule(
                                        "sgr-db-pg",
                                        "sg-db",
                                        false,
                                        "tcp",
                                        5432,
                                        5432,
                                        null,
                                        null,
                                        null,
                                        "sg-web",
                                        null),
                                new SecurityGroupRule(
                                        "sgr-db-fn",
                                        "sg-db",
                                        false,
                                        "tcp",
                                        5432,
                                        5432,
                                        null,
                                        null,
                                        null,
                                        "sg-fn",
                                        null),
                                out("sgr-db-out", "sg-db", "-1", -1, -1, "0.0.0.0/0")),
                        Map.of()),
                new SecurityGroup(
                        "sg-fn",
                        "fn",
                        "",
                        "vpc-1",
                        "1",
                        List.of(
                                out("sgr-fn-443", "sg-fn", "tcp", 443, 443, "0.0.0.0/0"),
                                new SecurityGroupRule(
                                        "sgr-fn-db",
                                        "sg-fn",
                                        true,
                                        "tcp",
                                        5432,
                                        5432,
                                        null,
                                        null,
                                        null,
                                        "sg-db",
                                        null)),
                        Map.of()),
                new SecurityGroup(
                        "sg-open",
                        "open",
                        "",
                        "vpc-1",
                        "1",
                        List.of(
                                in("sgr-open-in", "sg-open", "-1", -1, -1, "0.0.0.0/0"),
                                out("sgr-open-out", "sg-open", "-1", -1, -1, "0.0.0.0/0")),
                        Map.of()));
        List<NetworkInterface> enis = List.of(
                eni(
                        "eni-web",
                        "interface",
                        "",
                        "i-web",
                        List.of("sg-web"),
                        List.of("10.0.1.10", "10.0.1.11"),
                        List.of("2001:db8:1::10")),
                eni(
                        "eni-db",
                        "interface",
                        "RDSNetworkInterface",
                        null,
                        List.of("sg-db"),
                        List.of("10.0.1.20"),
                        List.of()),
                eni(
                        "eni-fn",
                        "lambda",
                        "AWS Lambda VPC ENI-orders",
                        null,
                        List.of("sg-fn"),
                        List.of("10.0.1.30"),
                        List.of()),
                eni(
                        "eni-nat",
                        "nat_gateway",
                        "Interface for NAT Gateway nat-1",
                        null,
                        List.of(),
                        List.of("10.0.1.40"),
                        List.of()),
                eni("eni-open", "interface", "", "i-open", List.of("sg-open"), List.of("10.0.1.50"), List.of()),
                eni("eni-ghost", "interface", "", "i-ghost", List.of("sg-gone"), List.of("10.0.1.60"), List.of()));
        // Inbound: everything. Outbound: TCP and UDP only, so ICMP replies are denied (the AWS documentation's ping).
        NetworkAcl acl = new NetworkAcl(
                "acl-1",
                "vpc-1",
                false,
                List.of(
                        new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                        new NetworkAclEntry(101, false, "-1", true, null, "::/0", -1, -1, -1, -1),
                        new NetworkAclEntry(100, true, "6", true, "0.0.0.0/0", null, 0, 65535, -1, -1),
                        new NetworkAclEntry(110, true, "17", true, "0.0.0.0/0", null, 0, 65535, -1, -1),
                        new NetworkAclEntry(120, true, "6", true, null, "::/0", 0, 65535, -1, -1),
                        new NetworkAclEntry(32767, true, "-1", false, "0.0.0.0/0", null, -1, -1, -1, -1)),
                List.of("subnet-1"));
        return new InventorySnapshot(
                Instant.ofEpochSecond(time),
                true,
                List.of(),
                enis,
                groups,
                List.of(acl),
                List.of(),
                List.of(),
                List.of(new PrefixList("pl-office", "office", "IPv4", List.of("198.51.100.0/24"))),
                List.of(new LambdaFunction(
                        "orders", "arn:o", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-fn"))));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c(
                        "HTTPS from the internet, SYN: the inbound rule allows it",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 443, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-443"),
                c(
                        "the SYN-ACK going back out is the response of an allowed connection",
                        flow("eni-web", "10.0.1.10", 443, "203.0.113.9", 51000, 6, Action.ACCEPT, 18, T12 + 60),
                        "egress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-443"),
                c(
                        "RDP from the internet, rejected: no rule allows it",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 3389, 6, Action.REJECT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "blocked",
                        null,
                        null),
                c(
                        "SSH from an address of the prefix list",
                        flow("eni-web", "198.51.100.7", 40001, "10.0.1.10", 22, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-ssh"),
                c(
                        "SSH from outside the prefix list is blocked",
                        flow("eni-web", "192.0.2.9", 40001, "10.0.1.10", 22, 6, Action.REJECT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "blocked",
                        null,
                        null),
                c(
                        "traffic to a secondary address of the interface counts as its own",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.11", 443, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-443"),
                c(
                        "a rule referencing a group: web to the database",
                        flow("eni-db", "10.0.1.10", 40000, "10.0.1.20", 5432, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-db-pg"),
                c(
                        "the referenced group does not cover an unknown address",
                        flow("eni-db", "10.0.1.99", 40000, "10.0.1.20", 5432, 6, Action.REJECT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "blocked",
                        null,
                        null),
                c(
                        "IPv6 from a permitted block",
                        flow("eni-web", "2001:db8::5", 40000, "2001:db8:1::10", 80, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-v6"),
                c(
                        "a Lambda Hyperplane ENI calling out on 443, no TCP flags: the service port tells the initiator",
                        flow("eni-fn", "10.0.1.30", 50123, "52.95.1.1", 443, 6, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "egress",
                        "local",
                        "allowed",
                        null,
                        "sgr-fn-443"),
                c(
                        "a Lambda function to the database through a referenced group",
                        flow("eni-fn", "10.0.1.30", 50124, "10.0.1.20", 5432, 6, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "egress",
                        "local",
                        "allowed",
                        null,
                        "sgr-fn-db"),
                c(
                        "the AWS documentation's ping: accepted inbound, only possibly by a type-specific ICMP rule",
                        flow("eni-web", "203.0.113.12", 0, "10.0.1.10", 0, 1, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "ingress",
                        "unknown",
                        "allowed",
                        null,
                        "sgr-web-ping"),
                c(
                        "the ping reply rejected outbound by the network ACL",
                        flow("eni-web", "10.0.1.10", 0, "203.0.113.12", 0, 1, Action.REJECT, NO_FLAGS, T12 + 60),
                        "egress",
                        "unknown",
                        "unexpected_reject",
                        "nacl_deny",
                        "sgr-web-out"),
                c(
                        "a client on an old Windows low port reaching a service port the inbound rules open",
                        flow("eni-web", "203.0.113.9", 1025, "10.0.1.10", 8443, 6, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-8443"),
                c(
                        "a response seen without flags: the web server's own HTTPS call coming back",
                        flow("eni-web", "198.51.100.50", 443, "10.0.1.10", 50123, 6, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "ingress",
                        "local",
                        "allowed",
                        null,
                        "sgr-web-out"),
                c(
                        "ports that mislead: read as inbound to 3000 it is not allowed, read the other way it is a response",
                        flow("eni-web", "203.0.113.9", 5000, "10.0.1.10", 3000, 6, Action.ACCEPT, NO_FLAGS, T12 + 60),
                        "ingress",
                        "remote",
                        "unexpected_accept",
                        "response_traffic",
                        null),
                c(
                        "8080 still accepted after its rule was removed at 13:00",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 8080, 6, Action.ACCEPT, 2, T13 + 1800),
                        "ingress",
                        "remote",
                        "unexpected_accept",
                        "rule_changed",
                        null),
                c(
                        "8080 rejected at 12:50 while the 12:00 rules allowed it: the rule went away before 13:00",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 8080, 6, Action.REJECT, 2, T13 - 600),
                        "ingress",
                        "remote",
                        "unexpected_reject",
                        "rule_changed",
                        "sgr-web-8080"),
                c(
                        "a FIN rejected on an allowed port: a packet after the connection closed",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 443, 6, Action.REJECT, 1, T12 + 60),
                        "ingress",
                        "remote",
                        "unexpected_reject",
                        "late_packet",
                        "sgr-web-443"),
                c(
                        "a response of an untracked flow (open to everything both ways) rejected",
                        flow("eni-open", "10.0.1.50", 8080, "203.0.113.7", 51000, 6, Action.REJECT, 18, T12 + 60),
                        "egress",
                        "remote",
                        "unexpected_reject",
                        "untracked_flow",
                        "sgr-open-in"),
                c(
                        "an accept no rule explains, three days after the last snapshot",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 9999, 6, Action.ACCEPT, 2, T13 + 3 * 86400),
                        "ingress",
                        "remote",
                        "unexpected_accept",
                        "stale_inventory",
                        null),
                c(
                        "an interface whose group is missing from the inventory",
                        flow("eni-ghost", "203.0.113.9", 51000, "10.0.1.60", 443, 6, Action.ACCEPT, 2, T12 + 60),
                        "ingress",
                        "remote",
                        "unexpected_accept",
                        "stale_inventory",
                        null),
                c(
                        "an accept nothing explains",
                        flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 9999, 6, Action.ACCEPT, 2, T13 + 1800),
                        "ingress",
                        "remote",
                        "unexpected_accept",
                        "unknown",
                        null),
                c(
                        "flow-direction from a v5 record wins over addresses",
                        new Flow.Values(
                                "eni-web",
                                IpAddress.parse("203.0.113.9"),
                                IpAddress.parse("10.0.1.10"),
                                null,
                                null,
                                51000,
                                443,
                                6,
                                Action.ACCEPT,
                                LogStatus.OK,
                                2,
                                "ingress",
                                T12 + 60,
                                T12 + 120),
                        "ingress",
                        "remote",
                        "allowed",
                        null,
                        "sgr-web-443"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesEveryRuleKindVerdictAndReason(
            String what, Flow flow, String direction, String initiator, String verdict, String reason, String rule) {
        Judgement j = EVALUATOR.judge(flow);
        assertThat(j.direction() == null ? null : j.direction().code()).as(what).isEqualTo(direction);
        assertThat(j.initiator().code()).as(what).isEqualTo(initiator);
        assertThat(j.verdict().code()).as(what).isEqualTo(verdict);
        assertThat(j.reason() == null ? null : j.reason().code()).as(what).isEqualTo(reason);
        assertThat(j.sgRuleId()).as(what).isEqualTo(rule);
    }

    @Test
    void aSeriesReadFromFilesSharesWhatDidNotChangeAndJudgesEveryCaseTheSame(@TempDir Path dir) throws Exception {
        for (InventorySnapshot s : TIMELINE.snapshots()) {
            InventoryFiles.write(s, dir.resolve(s.takenAt().toString()));
        }
        List<InventorySnapshot> read = InventoryFiles.read(dir);
        assertThat(read).containsExactlyElementsOf(TIMELINE.snapshots());
        assertThat(read.get(1).securityGroups().get(1))
                .as("sg-db did not change")
                .isSameAs(read.get(0).securityGroups().get(1));
        assertThat(read.get(1).securityGroups().get(0))
                .as("sg-web lost a rule")
                .isNotSameAs(read.get(0).securityGroups().get(0));
        IntentEvaluator fromFiles = new IntentEvaluator(OwnershipTimeline.of(read));
        cases().forEach(c -> {
            Flow flow = (Flow) c.get()[1];
            Judgement a = EVALUATOR.judge(flow);
            Judgement b = fromFiles.judge(flow);
            assertThat(b.verdict() + " " + b.reason() + " " + b.sgRuleId())
                    .as((String) c.get()[0])
                    .isEqualTo(a.verdict() + " " + a.reason() + " " + a.sgRuleId());
        });
    }

    @Test
    void whatTheInventoryLacksIsNamedAndItsVerdictsAreStaleNotGuessed() {
        InventorySnapshot full = snapshot(T12, true);
        InventorySnapshot lacking = new InventorySnapshot(
                full.takenAt(),
                true,
                List.of(),
                full.interfaces(),
                full.securityGroups().stream()
                        .filter(g -> !g.id().equals("sg-db"))
                        .toList(),
                List.of(),
                full.subnets(),
                full.vpcs(),
                List.of(),
                full.functions());
        IntentEvaluator e = new IntentEvaluator(OwnershipTimeline.of(List.of(lacking)));
        assertThat(e.gaps())
                .containsOnlyKeys("pl-office", "sg-db", "sg-gone", "subnet-1")
                .containsEntry("pl-office", "prefix list pl-office (named by rule sgr-web-ssh of sg-web)")
                .containsEntry("sg-db", "security group sg-db (named by rule sgr-fn-db of sg-fn)")
                .containsEntry("subnet-1", "the network ACL of subnet-1 (the subnet of eni-web)");
        assertThat(EVALUATOR.gaps()).containsOnlyKeys("sg-gone");

        // SSH from the office: the prefix list would say; without it the record is neither allowed nor unexpected.
        Flow ssh = flow("eni-web", "198.51.100.7", 40001, "10.0.1.10", 22, 6, Action.ACCEPT, 2, T12 + 60);
        assertThat(EVALUATOR.judge(ssh).verdict()).isEqualTo(Verdict.ALLOWED);
        Judgement accepted = e.judge(ssh);
        assertThat(accepted.verdict()).isEqualTo(Verdict.UNEXPECTED_ACCEPT);
        assertThat(accepted.reason()).isEqualTo(VerdictReason.STALE_INVENTORY);
        Judgement rejected =
                e.judge(flow("eni-web", "192.0.2.9", 40001, "10.0.1.10", 22, 6, Action.REJECT, 2, T12 + 60));
        assertThat(rejected.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(rejected.reason()).isEqualTo(VerdictReason.STALE_INVENTORY);
        // What no unresolved rule covers is judged as before.
        Judgement rdp = e.judge(flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 3389, 6, Action.REJECT, 2, T12));
        assertThat(rdp.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(rdp.reason()).isNull();

        // A rule naming a group the inventory lacks: PostgreSQL to anywhere might be that group's.
        Judgement db = e.judge(flow("eni-fn", "10.0.1.30", 40000, "203.0.113.5", 5432, 6, Action.ACCEPT, 2, T12));
        assertThat(db.verdict()).isEqualTo(Verdict.UNEXPECTED_ACCEPT);
        assertThat(db.reason()).isEqualTo(VerdictReason.STALE_INVENTORY);
        assertThat(EVALUATOR
                        .judge(flow("eni-fn", "10.0.1.30", 40000, "203.0.113.5", 5432, 6, Action.ACCEPT, 2, T12))
                        .reason())
                .isEqualTo(VerdictReason.UNKNOWN);

        // A rejection the rules allow: without the subnet's ACL, whether it denied the record is not known.
        Flow https = flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 443, 6, Action.REJECT, 2, T12 + 60);
        assertThat(EVALUATOR.judge(https).reason()).isEqualTo(VerdictReason.UNKNOWN);
        Judgement noAcl = e.judge(https);
        assertThat(noAcl.verdict()).isEqualTo(Verdict.UNEXPECTED_REJECT);
        assertThat(noAcl.reason()).isEqualTo(VerdictReason.STALE_INVENTORY);
    }

    @Test
    void aTypeSpecificIcmpRuleMatchesOnlyPossibly() {
        Judgement j = EVALUATOR.judge(
                flow("eni-web", "203.0.113.12", 0, "10.0.1.10", 0, 1, Action.ACCEPT, NO_FLAGS, T12 + 60));
        assertThat(j.possible()).isTrue();
        assertThat(j.sgId()).isEqualTo("sg-web");
        Judgement https =
                EVALUATOR.judge(flow("eni-web", "203.0.113.9", 51000, "10.0.1.10", 443, 6, Action.ACCEPT, 2, T12));
        assertThat(https.possible()).isFalse();
    }

    @Test
    void aNatGatewayIsJudgedOnItsPktAddressesAndHasNoGroupIntent() {
        Flow toInternet = new Flow.Values(
                "eni-nat",
                IpAddress.parse("10.0.1.40"),
                IpAddress.parse("203.0.113.5"),
                IpAddress.parse("10.0.1.5"),
                IpAddress.parse("203.0.113.5"),
                40000,
                443,
                6,
                Action.ACCEPT,
                LogStatus.OK,
                NO_FLAGS,
                null,
                T12 + 60,
                T12 + 120);
        Judgement out = EVALUATOR.judge(toInternet);
        assertThat(out.direction()).isEqualTo(Direction.EGRESS);
        assertThat(out.remote()).isEqualTo(IpAddress.parse("203.0.113.5"));
        assertThat(out.verdict()).isEqualTo(Verdict.NOT_EVALUATED);

        Flow fromInstance = new Flow.Values(
                "eni-nat",
                IpAddress.parse("10.0.1.5"),
                IpAddress.parse("10.0.1.40"),
                IpAddress.parse("10.0.1.5"),
                IpAddress.parse("203.0.113.5"),
                40000,
                443,
                6,
                Action.ACCEPT,
                LogStatus.OK,
                2,
                null,
                T12 + 60,
                T12 + 120);
        Judgement in = EVALUATOR.judge(fromInstance);
        assertThat(in.direction()).isEqualTo(Direction.INGRESS);
        assertThat(in.remote()).isEqualTo(IpAddress.parse("10.0.1.5"));
        assertThat(in.initiator()).isEqualTo(Initiator.REMOTE);
    }

    @Test
    void aKnownInitiatorFromEarlierWindowsWinsOverPortGuesses() {
        // A long connection's later window: no SYN. Ports alone would say the remote opened it.
        Flow later = flow("eni-web", "10.0.1.10", 3000, "203.0.113.9", 5000, 6, Action.ACCEPT, 0, T12 + 600);
        assertThat(EVALUATOR.judge(later).initiator()).isEqualTo(Initiator.REMOTE);
        Judgement known = EVALUATOR.judge(later, Initiator.LOCAL);
        assertThat(known.initiator()).isEqualTo(Initiator.LOCAL);
        assertThat(known.verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void whatCannotBeJudgedIsNotEvaluated() {
        assertThat(EVALUATOR
                        .judge(new Flow.Values(
                                "eni-web",
                                null,
                                null,
                                null,
                                null,
                                -1,
                                -1,
                                -1,
                                null,
                                LogStatus.NODATA,
                                -1,
                                null,
                                T12,
                                T12 + 60))
                        .verdict())
                .isEqualTo(Verdict.NOT_EVALUATED);
        assertThat(EVALUATOR
                        .judge(new Flow.Values(
                                "eni-web",
                                null,
                                null,
                                null,
                                null,
                                -1,
                                -1,
                                -1,
                                null,
                                LogStatus.SKIPDATA,
                                -1,
                                null,
                                T12,
                                T12 + 60))
                        .verdict())
                .isEqualTo(Verdict.NOT_EVALUATED);
        assertThat(EVALUATOR
                        .judge(flow("eni-unknown", "203.0.113.9", 1, "10.0.9.9", 443, 6, Action.ACCEPT, 2, T12))
                        .verdict())
                .isEqualTo(Verdict.NOT_EVALUATED);
    }

    @Test
    void aMalformedRuleFailsWhenTheInventoryLoadsNamingGroupAndRule() {
        InventorySnapshot bad = new InventorySnapshot(
                Instant.ofEpochSecond(T12),
                true,
                List.of(),
                List.of(),
                List.of(new SecurityGroup(
                        "sg-bad",
                        "bad",
                        "",
                        "vpc-1",
                        "1",
                        List.of(in("sgr-bad", "sg-bad", "tcp", 443, 443, "10.0.0.0/99")),
                        Map.of())),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertThatThrownBy(() -> new IntentEvaluator(OwnershipTimeline.of(List.of(bad))))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("sg-bad")
                .hasMessageContaining("sgr-bad")
                .hasMessageContaining("10.0.0.0/99");
        InventorySnapshot badProtocol = new InventorySnapshot(
                Instant.ofEpochSecond(T12),
                true,
                List.of(),
                List.of(),
                List.of(new SecurityGroup(
                        "sg-bad",
                        "bad",
                        "",
                        "vpc-1",
                        "1",
                        List.of(in("sgr-bad", "sg-bad", "tcpp", 443, 443, "10.0.0.0/8")),
                        Map.of())),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertThatThrownBy(() -> new IntentEvaluator(OwnershipTimeline.of(List.of(badProtocol))))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("'tcpp' is not a protocol");
    }

    private static Arguments c(
            String what, Flow flow, String direction, String initiator, String verdict, String reason, String rule) {
        return Arguments.of(what, flow, direction, initiator, verdict, reason, rule);
    }

    static Flow flow(
            String eni,
            String src,
            int srcPort,
            String dst,
            int dstPort,
            int protocol,
            Action action,
            int flags,
            long start) {
        return new Flow.Values(
                eni,
                IpAddress.parse(src),
                IpAddress.parse(dst),
                null,
                null,
                srcPort,
                dstPort,
                protocol,
                action,
                LogStatus.OK,
                flags,
                null,
                start,
                start + 60);
    }

    private static SecurityGroupRule in(String id, String group, String protocol, int from, int to, String cidr) {
        return new SecurityGroupRule(id, group, false, protocol, from, to, cidr, null, null, null, null);
    }

    private static SecurityGroupRule out(String id, String group, String protocol, int from, int to, String cidr) {
        return new SecurityGroupRule(id, group, true, protocol, from, to, cidr, null, null, null, null);
    }

    private static NetworkInterface eni(
            String id,
            String type,
            String description,
            String instance,
            List<String> groups,
            List<String> v4,
            List<String> v6) {
        return new NetworkInterface(
                id,
                type,
                description,
                null,
                false,
                "1",
                instance,
                null,
                "subnet-1",
                "vpc-1",
                "az",
                groups,
                v4.stream().map(IpAddress::parse).toList(),
                v6.stream().map(IpAddress::parse).toList(),
                null,
                Map.of(),
                "in-use",
                null);
    }
}
