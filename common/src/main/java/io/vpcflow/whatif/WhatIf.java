package io.vpcflow.whatif;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Judgement;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Past traffic judged twice: by the rules that stood at each record's time, and by the same rules with a proposal
 * applied. Records whose judgement changes are summed by what a reviewer asks about them: which interface and
 * owner, which peer, which service (protocol and port of the connection's server, and the direction it was opened
 * in), and the rule that allowed it before and allows it after.
 *
 * <p>A record <em>would block</em> when it was accepted and allowed by today's rules and the proposal does not
 * allow it (a response of such a connection is judged by its connection's rule, so it breaks too); it <em>would
 * allow</em> when it was rejected and blocked by today's rules and the proposal allows it. Other changes of verdict
 * (an unexpected accept the proposal explains) change no traffic and are counted apart. Not thread-safe.
 */
public final class WhatIf {
    /** How a record's judgement changes. */
    public enum Change {
        WOULD_BLOCK("would_block"),
        WOULD_ALLOW("would_allow"),
        VERDICT_ONLY("verdict_only");

        private final String code;

        Change(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * What the records of one group share.
     *
     * @param direction the direction the connection was opened in (ingress: the peer connected to the interface)
     * @param deniedAfter the entry of a proposed network ACL that would deny the record, or null
     * @param port      the port of the connection's server side (for ICMP, -1): a response's own local port is a
     *                  client's, one per connection, and would split one broken service into thousands of rows
     */
    public record Key(
            Change change,
            String interfaceId,
            OwnerKind ownerKind,
            String ownerId,
            String ownerName,
            IpAddress peer,
            OwnerKind peerKind,
            String peerOwnerId,
            int protocol,
            int port,
            Direction direction,
            Verdict verdictBefore,
            String groupBefore,
            String ruleBefore,
            Verdict verdictAfter,
            String groupAfter,
            String ruleAfter,
            String deniedAfter) {}

    /** One group's records: how many, their packets and bytes, and the first start and last end seen. */
    public record Group(Key key, long flows, long packets, long bytes, long firstSeen, long lastSeen) {}

    /** Flows, packets and bytes of one kind of change. */
    public record Totals(long flows, long packets, long bytes) {}

    private static final class Sums {
        long flows;
        long packets;
        long bytes;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    private final IntentEvaluator proposed;
    private final boolean aclsChange;
    /** The interfaces that hold a changed group in some snapshot: only their records can be judged otherwise. */
    private final Set<String> touched = new HashSet<>();

    private final TodaysJudgement todays;
    private final Map<Key, Sums> groups = new HashMap<>();
    private final Map<Change, long[]> totals = new EnumMap<>(Change.class);
    private long judged;

    /**
     * @param from the first second of the period (a record's start), inclusive
     * @param to   the end of the period, exclusive
     * @throws io.vpcflow.inventory.InventoryException when a rule of the proposal cannot be compiled
     */
    public WhatIf(OwnershipTimeline timeline, IntentEvaluator today, Proposal proposal, long from, long to) {
        this.proposed = new IntentEvaluator(timeline, proposal);
        this.aclsChange = !proposal.acls().isEmpty();
        this.todays = new TodaysJudgement(timeline, today, from, to);
        // A proposal changes rules, never which groups an interface holds: a record on an interface without a
        // changed group meets the same rules under it (groups it references are matched by membership, which
        // stays), so, network ACLs aside, its judgement cannot change. Known once the evaluator applied it.
        Set<String> changed = new HashSet<>(proposal.changedGroups());
        for (InventorySnapshot s : timeline.snapshots()) {
            for (NetworkInterface eni : s.interfaces()) {
                for (String g : eni.securityGroupIds()) {
                    if (changed.contains(g)) {
                        touched.add(eni.id());
                    }
                }
            }
        }
        for (Change c : Change.values()) {
            totals.put(c, new long[3]);
        }
    }

    /**
     * Judges a record (its parsed fields; the enrichment is filled in here, by today's rules) by both rule sets and
     * counts it when its judgement changes. Records outside the period are left out; a record whose judgement cannot
     * change (on an interface without a changed group, network ACLs unchanged) is only counted, and its enrichment is
     * left as it came.
     *
     * @return how its judgement changes, or null
     */
    public Change add(FlowRow row) {
        if (!aclsChange && !touched.contains(row.interfaceId)) {
            // Its judgement cannot change, and its connection's state is its interface's own: counted, not judged.
            if (todays.judges(row)) {
                judged++;
            }
            return null;
        }
        Initiator known = todays.judge(row);
        if (known == null) {
            return null;
        }
        judged++;
        Judgement after = proposed.judge(row, known, todays.attribution());
        String denied = aclsChange && row.action == Action.ACCEPT ? proposed.networkAclDenial(row, after) : null;
        Change change = change(row, after, denied);
        if (change == null) {
            return null;
        }
        Key key = new Key(
                change,
                row.interfaceId,
                row.eniOwnerKind,
                row.eniOwnerId,
                row.eniOwnerName,
                row.peerAddr,
                row.peerOwnerKind,
                row.peerOwnerId,
                row.protocol,
                TodaysJudgement.servicePort(row),
                TodaysJudgement.openedIn(row),
                row.verdict,
                row.sgId,
                row.sgRuleId,
                after.verdict(),
                after.sgId(),
                after.sgRuleId(),
                denied);
        Sums s = groups.computeIfAbsent(key, k -> new Sums());
        long packets = Math.max(row.packets, 0);
        long bytes = Math.max(row.bytes, 0);
        s.flows++;
        s.packets += packets;
        s.bytes += bytes;
        if (row.start != -1) {
            s.first = Math.min(s.first, row.start);
        }
        s.last = Math.max(s.last, row.end);
        long[] t = totals.get(change);
        t[0]++;
        t[1] += packets;
        t[2] += bytes;
        return change;
    }

    /**
     * How a judged record's judgement changes under the proposal; null when nothing that matters does. Network ACLs
     * count as rules: a rejection a network ACL made today is blocked by today's rules, and one the proposed ACL makes
     * is not an allowing.
     *
     * @param denied the proposed network ACL entry that denies an accepted record, or null
     */
    static Change change(FlowRow today, Judgement after, String denied) {
        Verdict before = today.verdict;
        if (today.action == Action.ACCEPT && before == Verdict.ALLOWED) {
            return after.verdict() != Verdict.ALLOWED || denied != null ? Change.WOULD_BLOCK : null;
        }
        if (today.action == Action.REJECT) {
            boolean blockedToday = before == Verdict.BLOCKED
                    || before == Verdict.UNEXPECTED_REJECT && today.verdictReason == VerdictReason.NACL_DENY;
            if (blockedToday
                    && after.verdict() == Verdict.UNEXPECTED_REJECT
                    && after.reason() != VerdictReason.NACL_DENY) {
                return Change.WOULD_ALLOW;
            }
        }
        return before != after.verdict() ? Change.VERDICT_ONLY : null;
    }

    /** How many records were judged (in the period, with an interface and rules to judge them by). */
    public long judged() {
        return judged;
    }

    public Totals totals(Change change) {
        long[] t = totals.get(change);
        return new Totals(t[0], t[1], t[2]);
    }

    /** Every group, by change (would block first), then bytes, most first, then interface and peer. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.size());
        groups.forEach((k, s) ->
                out.add(new Group(k, s.flows, s.packets, s.bytes, s.first == Long.MAX_VALUE ? -1 : s.first, s.last)));
        out.sort(Comparator.comparing((Group g) -> g.key().change())
                .thenComparing(Comparator.comparingLong(Group::bytes).reversed())
                .thenComparing(g -> String.valueOf(g.key().interfaceId()))
                .thenComparing(g -> String.valueOf(g.key().peer()))
                .thenComparingInt(g -> g.key().port()));
        return out;
    }
}
