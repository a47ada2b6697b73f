package io.vpcflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.stats.VerdictStatsRow;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTallyTest {
    private static FlowRow row(Verdict verdict, VerdictReason reason, OwnerKind owner, String peer, int dstport) {
        FlowRow r = new FlowRow();
        r.interfaceId = "eni-1";
        r.verdict = verdict;
        r.verdictReason = reason;
        r.eniOwnerKind = owner;
        r.eniOwnerId = owner == null ? null : "i-1";
        r.peerAddr = IpAddress.parse(peer);
        r.protocol = 6;
        r.direction = Direction.INGRESS;
        r.srcport = 40000 + dstport;
        r.dstport = dstport;
        r.sgRuleId = verdict == Verdict.ALLOWED ? "sgr-1" : null;
        return r;
    }

    @Test
    void countsRecordsByVerdictOwnerAndReasonAcrossTasksAndPartials() {
        RunTally a = new RunTally();
        a.add(row(Verdict.ALLOWED, null, OwnerKind.EC2_INSTANCE, "10.0.0.1", 443));
        a.add(row(Verdict.UNEXPECTED_REJECT, VerdictReason.NACL_DENY, null, "10.0.0.2", 22));
        a.deadLetter("bad_number");
        RunTally b = new RunTally();
        VerdictStatsRow partial = new VerdictStatsRow();
        partial.verdict = Verdict.BLOCKED;
        partial.eniOwnerKind = OwnerKind.RDS;
        partial.flows = 5;
        b.add(partial);
        b.deadLetter("bad_number");
        b.deadLetter("wrong_field_count");
        b.ruleUsed("sgr-2");
        a.ruleUsed("sgr-1");

        RunTally sum = new RunTally();
        sum.merge(a);
        sum.merge(b);
        assertThat(sum.records()).isEqualTo(7);
        assertThat(sum.verdicts()).isEqualTo(Map.of("allowed", 1L, "blocked", 5L, "unexpected_reject", 1L));
        assertThat(sum.owners()).isEqualTo(Map.of("ec2_instance", 1L, "rds", 5L, "unattributed", 1L));
        assertThat(sum.reasons()).isEqualTo(Map.of("unexpected_reject:nacl_deny", 1L));
        assertThat(sum.deadLettersByReason()).isEqualTo(Map.of("bad_number", 2L, "wrong_field_count", 1L));
        assertThat(sum.deadLetters()).isEqualTo(3);
        assertThat(sum.usedRules()).containsExactlyInAnyOrder("sgr-1", "sgr-2");
        // merging copies: the parts are unchanged
        assertThat(a.records()).isEqualTo(2);
    }

    @Test
    void unexpectedGroupsAreSummedAcrossTasksAndRankedByRecordsThenInterfaceAndPeer() {
        RunTally a = new RunTally();
        RunTally b = new RunTally();
        for (int i = 0; i < 3; i++) {
            a.add(row(Verdict.UNEXPECTED_ACCEPT, VerdictReason.RULE_CHANGED, OwnerKind.EC2_INSTANCE, "10.0.0.9", 9000));
        }
        b.add(row(Verdict.UNEXPECTED_ACCEPT, VerdictReason.RULE_CHANGED, OwnerKind.EC2_INSTANCE, "10.0.0.9", 9000));
        b.add(row(Verdict.UNEXPECTED_ACCEPT, VerdictReason.RULE_CHANGED, OwnerKind.EC2_INSTANCE, "10.0.0.8", 9000));
        b.add(row(Verdict.UNEXPECTED_ACCEPT, VerdictReason.RULE_CHANGED, OwnerKind.EC2_INSTANCE, "10.0.0.7", 9000));
        b.add(row(Verdict.ALLOWED, null, OwnerKind.EC2_INSTANCE, "10.0.0.6", 443));
        a.merge(b);
        List<Map.Entry<RunTally.UnexpectedGroup, Long>> top = a.topUnexpected(5);
        assertThat(top)
                .extracting(e -> e.getKey().peer() + "=" + e.getValue())
                .containsExactly("10.0.0.9=4", "10.0.0.7=1", "10.0.0.8=1");
        // the interface's own port of an inbound record is its destination port
        assertThat(top.get(0).getKey().localPort()).isEqualTo(9000);
        assertThat(a.topUnexpected(1)).hasSize(1);
    }

    @Test
    void groupsBeyondTheCapAreCountedButNotGrouped() {
        RunTally t = new RunTally();
        for (int i = 0; i < RunTally.MAX_UNEXPECTED_GROUPS + 3; i++) {
            t.add(row(Verdict.UNEXPECTED_REJECT, VerdictReason.NACL_DENY, null, "10.0.0.1", i + 1));
        }
        t.add(row(Verdict.UNEXPECTED_REJECT, VerdictReason.NACL_DENY, null, "10.0.0.1", 1));
        assertThat(t.ungrouped()).isEqualTo(3);
        assertThat(t.records()).isEqualTo(RunTally.MAX_UNEXPECTED_GROUPS + 4L);
        assertThat(t.topUnexpected(1).get(0).getValue()).isEqualTo(2);
    }
}
