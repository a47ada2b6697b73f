package io.vpcflow.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.Cidr;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Judgement;
import io.vpcflow.verdict.Verdict;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proposals on the sample estate (sample-data: two snapshots, 3,013 records), each checked record by record: the
 * records that change are exactly those a reader of the rules picks out by hand (interface, port, peer), stated here
 * without the evaluator, and every other record changes nothing.
 */
class WhatIfSampleTest {
    static final Path SAMPLE = Paths.get("..", "sample-data").toAbsolutePath().normalize();
    static final Set<String> WEB = Set.of("eni-0a1b2c3d4e5f60100", "eni-0a1b2c3d4e5f60101");
    static final String DB = "eni-0a1b2c3d4e5f60408";
    static final Set<String> APP_ADDRESSES = Set.of("10.0.2.10", "10.0.2.11", "10.0.2.60");
    static final String PUBLIC_SUBNET = "subnet-0a1b2c3d4e5f60001";

    static LoadedInventory inventory;
    static List<FlowRow> rows;

    @BeforeAll
    static void read() throws Exception {
        inventory = LoadedInventory.current(SAMPLE.resolve("inventory").toString());
        rows = new ArrayList<>();
        TextCache texts = new TextCache(1024);
        FlowLogReader reader = new FlowLogReader(null);
        for (Path f : LocalFiles.walk(List.of(SAMPLE.resolve("flowlogs"))).files()) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(f.toString(), in, new FlowLogReader.Handler() {
                    @Override
                    public void onRecord(MutableFlowRecord record, long lineNumber) {
                        rows.add(FlowRow.of(record, f.toString(), lineNumber, texts));
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {}
                });
            }
        }
        assertThat(rows).hasSize(3013);
    }

    static SecurityGroupRule in(String group, String protocol, int from, int to, String cidr, String sg) {
        return new SecurityGroupRule(null, group, false, protocol, from, to, cidr, null, null, sg, null);
    }

    /** Judges every sample record under the proposal; each record's change, in order. */
    static List<WhatIf.Change> run(Proposal p) {
        WhatIf w = new WhatIf(inventory.timeline(), inventory.evaluator(), p, Long.MIN_VALUE, Long.MAX_VALUE);
        List<WhatIf.Change> changes = new ArrayList<>();
        for (FlowRow r : rows) {
            changes.add(w.add(r));
        }
        return changes;
    }

    /** As {@link #run}, with every record judged again under the proposal, whatever groups its interface holds. */
    static List<WhatIf.Change> runInFull(Proposal p) {
        IntentEvaluator after = new IntentEvaluator(inventory.timeline(), p);
        TodaysJudgement todays =
                new TodaysJudgement(inventory.timeline(), inventory.evaluator(), Long.MIN_VALUE, Long.MAX_VALUE);
        List<WhatIf.Change> changes = new ArrayList<>();
        for (FlowRow r : rows) {
            Initiator known = todays.judge(r);
            if (known == null) {
                changes.add(null);
                continue;
            }
            Judgement j = after.judge(r, known);
            String denied = !p.acls().isEmpty() && r.action == Action.ACCEPT ? after.networkAclDenial(r, j) : null;
            changes.add(WhatIf.change(r, j, denied));
        }
        return changes;
    }

    /** How many sample records today's judgement gives a verdict. */
    static long judgedInFull() {
        TodaysJudgement todays =
                new TodaysJudgement(inventory.timeline(), inventory.evaluator(), Long.MIN_VALUE, Long.MAX_VALUE);
        return rows.stream().filter(r -> todays.judge(r) != null).count();
    }

    @Test
    void whetherARecordIsJudgedIsKnownWithoutJudgingIt() {
        IntentEvaluator today = inventory.evaluator();
        int attributedButNotJudged = 0;
        int judged = 0;
        for (FlowRow r : rows) {
            OwnershipTimeline.Attribution a = RowEnricher.attribution(r, inventory.timeline());
            boolean verdict = today.judge(r, null, a).verdict() != Verdict.NOT_EVALUATED;
            assertThat(today.judges(r, a)).as("%s:%d", r.source, r.lineNumber).isEqualTo(verdict);
            judged += verdict ? 1 : 0;
            attributedButNotJudged += a != null && !verdict ? 1 : 0;
        }
        // Both ways, and records of interfaces without groups (NAT gateways) or not logged (NODATA) among them.
        assertThat(judged).isPositive();
        assertThat(attributedButNotJudged).isPositive();
    }

    /** The port of a record's connection's server, as a reader works it out from the record and its initiator. */
    static int servicePort(FlowRow r) {
        boolean opened =
                r.initiator == Initiator.REMOTE || r.initiator != Initiator.LOCAL && r.direction == Direction.INGRESS;
        boolean ingress = r.direction == Direction.INGRESS;
        return opened == ingress ? r.dstport : r.srcport;
    }

    static boolean openedByPeer(FlowRow r) {
        return r.initiator == Initiator.REMOTE || r.initiator == Initiator.UNKNOWN && r.direction == Direction.INGRESS;
    }

    /** Accepted, allowed, and a connection a peer opened to a web server's port 443. */
    static boolean webHttpsAllowedToday(FlowRow r) {
        return r.action == Action.ACCEPT
                && r.verdict == Verdict.ALLOWED
                && WEB.contains(r.interfaceId)
                && r.protocol == 6
                && openedByPeer(r)
                && servicePort(r) == 443;
    }

    /** Accepted, allowed, on the database's interface, to its port 5432 from an app server. */
    static boolean appToDbAllowedToday(FlowRow r) {
        return r.action == Action.ACCEPT
                && r.verdict == Verdict.ALLOWED
                && DB.equals(r.interfaceId)
                && servicePort(r) == 5432
                && APP_ADDRESSES.contains(String.valueOf(r.peerAddr));
    }

    /** Each record's change is the expected one for it; returns how many of each there were. */
    static Map<WhatIf.Change, Integer> check(
            List<WhatIf.Change> changes, WhatIf.Change expected, Predicate<FlowRow> affected) {
        // The rows hold today's enrichment after the run: the hand-stated predicates read interface, peer, verdict.
        Map<WhatIf.Change, Integer> counts = new EnumMap<>(WhatIf.Change.class);
        for (int i = 0; i < rows.size(); i++) {
            FlowRow r = rows.get(i);
            WhatIf.Change want = affected.test(r) ? expected : null;
            assertThat(changes.get(i))
                    .as(
                            "%s line %d (%s %s:%d -> %s:%d %s, %s)",
                            r.source,
                            r.lineNumber,
                            r.interfaceId,
                            r.srcaddr,
                            r.srcport,
                            r.dstaddr,
                            r.dstport,
                            r.action,
                            r.verdict)
                    .isEqualTo(want);
            if (want != null) {
                counts.merge(want, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void removingARuleBlocksExactlyTheTrafficItAllowedResponsesIncluded() {
        Proposal p = Proposal.builder()
                .edit("sg-0web", List.of(in("sg-0web", "tcp", 443, 443, "0.0.0.0/0", null)), List.of())
                .build();
        Map<WhatIf.Change, Integer> counts =
                check(run(p), WhatIf.Change.WOULD_BLOCK, WhatIfSampleTest::webHttpsAllowedToday);
        assertThat(counts.get(WhatIf.Change.WOULD_BLOCK)).isGreaterThan(100);
        // Responses (the web servers' own records of those connections) break too.
        assertThat(rows.stream()
                        .filter(r -> WEB.contains(r.interfaceId) && r.direction == Direction.EGRESS && r.srcport == 443)
                        .count())
                .isPositive();
        assertThat(p.changedGroups()).containsExactly("sg-0web");
    }

    @Test
    void narrowingACidrBlocksThePeersOutsideIt() {
        Cidr kept = Cidr.parse("203.0.113.0/28");
        Proposal p = Proposal.builder()
                .edit(
                        "sg-0web",
                        List.of(in("sg-0web", "tcp", 443, 443, "0.0.0.0/0", null)),
                        List.of(in("sg-0web", "tcp", 443, 443, "203.0.113.0/28", null)))
                .build();
        Map<WhatIf.Change, Integer> counts =
                check(run(p), WhatIf.Change.WOULD_BLOCK, r -> webHttpsAllowedToday(r) && !kept.contains(r.peerAddr));
        assertThat(counts.get(WhatIf.Change.WOULD_BLOCK)).isGreaterThan(50);
        long keptFlows = rows.stream()
                .filter(r -> WEB.contains(r.interfaceId) && servicePort(r) == 443 && kept.contains(r.peerAddr))
                .count();
        assertThat(keptFlows)
                .as("peers inside the narrowed CIDR, still allowed")
                .isPositive();
    }

    @Test
    void changingAProtocolBlocksTheTcpItAllowedButNotWhatAnotherRuleAllows() {
        Proposal p = Proposal.builder()
                .edit(
                        "sg-0db",
                        List.of(in("sg-0db", "tcp", 5432, 5432, null, "sg-0app")),
                        List.of(in("sg-0db", "udp", 5432, 5432, null, "sg-0app")))
                .build();
        Map<WhatIf.Change, Integer> counts =
                check(run(p), WhatIf.Change.WOULD_BLOCK, WhatIfSampleTest::appToDbAllowedToday);
        assertThat(counts.get(WhatIf.Change.WOULD_BLOCK)).isPositive();
        assertThat(rows.stream()
                        .filter(r -> DB.equals(r.interfaceId) && "10.0.2.100".equals(String.valueOf(r.peerAddr))))
                .as("the Lambda functions' flows to the database, allowed by their own rule")
                .isNotEmpty();
    }

    /** The database's group lets the ECS tasks' group in instead of the app servers'. */
    static Proposal dbReferencesEcsNotApp() {
        return Proposal.builder()
                .edit(
                        "sg-0db",
                        List.of(in("sg-0db", "tcp", 5432, 5432, null, "sg-0app")),
                        List.of(in("sg-0db", "tcp", 5432, 5432, null, "sg-0ecs")))
                .build();
    }

    @Test
    void replacingAReferencedGroupBlocksTheOldMembers() {
        Proposal p = dbReferencesEcsNotApp();
        check(run(p), WhatIf.Change.WOULD_BLOCK, WhatIfSampleTest::appToDbAllowedToday);
    }

    @Test
    void openingAPortAllowsExactlyTheRejectedAttemptsOnIt() {
        Proposal p = Proposal.builder()
                .edit("sg-0web", List.of(), List.of(in("sg-0web", "tcp", 22, 22, "0.0.0.0/0", null)))
                .build();
        Map<WhatIf.Change, Integer> counts = check(
                run(p),
                WhatIf.Change.WOULD_ALLOW,
                r -> r.action == Action.REJECT
                        && r.verdict == Verdict.BLOCKED
                        && WEB.contains(r.interfaceId)
                        && r.protocol == 6
                        && servicePort(r) == 22);
        assertThat(counts.get(WhatIf.Change.WOULD_ALLOW)).isPositive();
    }

    @Test
    void aNetworkAclAddedBlocksTheInboundRecordsItDenies() {
        Cidr denied = Cidr.parse("203.0.113.0/25");
        NetworkAcl acl = new NetworkAcl(
                "acl-0proposed",
                "vpc-0a1b2c3d4e5f60000",
                false,
                List.of(
                        new NetworkAclEntry(90, false, "-1", false, "203.0.113.0/25", null, -1, -1, -1, -1),
                        new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                        new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1)),
                List.of(PUBLIC_SUBNET));
        Proposal p = Proposal.builder().acl(acl).build();
        Map<WhatIf.Change, Integer> counts = check(
                run(p),
                WhatIf.Change.WOULD_BLOCK,
                r -> r.action == Action.ACCEPT
                        && r.verdict == Verdict.ALLOWED
                        && PUBLIC_SUBNET.equals(r.eniSubnetId)
                        && r.direction == Direction.INGRESS
                        && denied.contains(r.peerAddr));
        assertThat(counts.get(WhatIf.Change.WOULD_BLOCK)).isPositive();
    }

    @Test
    void recordsOfInterfacesWithoutAChangedGroupAreLeftAsTheyAreAndJudgingThemInFullAgrees() {
        // sg-0db's rules reference sg-0app, whose members' records are judged by their own groups: replacing the
        // reference changes the database's records only.
        for (Proposal p : List.of(
                dbReferencesEcsNotApp(),
                Proposal.builder()
                        .edit("sg-0app", List.of(), List.of(in("sg-0app", "tcp", 9000, 9000, null, "sg-0web")))
                        .edit("sg-0web", List.of(in("sg-0web", "tcp", 443, 443, "0.0.0.0/0", null)), List.of())
                        .build())) {
            List<WhatIf.Change> changes = run(p);
            assertThat(changes).isEqualTo(runInFull(p)).contains(WhatIf.Change.WOULD_BLOCK);
            // Records left as they are still count as judged, exactly those judging would have.
            WhatIf w = new WhatIf(inventory.timeline(), inventory.evaluator(), p, Long.MIN_VALUE, Long.MAX_VALUE);
            rows.forEach(w::add);
            assertThat(w.judged()).isEqualTo(judgedInFull());
        }
        Proposal db = dbReferencesEcsNotApp();
        List<WhatIf.Change> changes = run(db);
        for (int i = 0; i < rows.size(); i++) {
            if (changes.get(i) != null) {
                assertThat(rows.get(i).interfaceId).isEqualTo(DB);
            }
        }
    }

    @Test
    void aProposalThatChangesNoPermissionChangesNothing() {
        // The same rule under another id and description: one permission.
        Proposal p = Proposal.builder()
                .edit(
                        "sg-0web",
                        List.of(in("sg-0web", "tcp", 443, 443, "0.0.0.0/0", null)),
                        List.of(new SecurityGroupRule(
                                "sgr-new", "sg-0web", false, "6", 443, 443, "0.0.0.0/0", null, null, null, "again")))
                .build();
        assertThat(run(p)).containsOnlyNulls();
        assertThat(p.changedGroups()).isEmpty();
    }
}
