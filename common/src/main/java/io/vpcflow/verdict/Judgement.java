package io.vpcflow.verdict;

import io.vpcflow.net.IpAddress;

/**
 * What the security groups on the capturing interface meant for one record, against what AWS did.
 *
 * @param direction the record's direction relative to the capturing interface; null when not evaluated
 * @param initiator which side opened the connection
 * @param reason    why an unexpected verdict happened; null for the others
 * @param sgId      the group whose rule matched (for allowed flows and unexpected rejects), or null
 * @param sgRuleId  that rule's {@code sgr-} id, or null (a match without a rule id, or no match)
 * @param possible  true when only an ICMP rule for one type matched: records carry no ICMP type
 * @param remote    the address on the other side (the {@code pkt-} one on intermediate interfaces), or null
 */
public record Judgement(
        Direction direction,
        Initiator initiator,
        Verdict verdict,
        VerdictReason reason,
        String sgId,
        String sgRuleId,
        boolean possible,
        IpAddress remote,
        int localPort,
        int remotePort) {
    public static final Judgement NOT_EVALUATED =
            new Judgement(null, Initiator.UNKNOWN, Verdict.NOT_EVALUATED, null, null, null, false, null, -1, -1);
}
