package io.vpcflow.enrich;

import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.stats.VerdictStatsRow;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run did, counted as it went: records by verdict, owner kind and unexpected reason, dead letters by
 * reason, the unexpected flows by interface, peer and port, and the rules that allowed something. A bounded run's
 * summary comes from these instead of from reading its tables back. Each task counts its own and the parts are
 * {@link #merge merged}; counting a record is array arithmetic, only unexpected records touch a map.
 */
public final class RunTally implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The unexpected groups one tally keeps: beyond it, records of new groups are counted but not grouped. */
    public static final int MAX_UNEXPECTED_GROUPS = 10_000;

    private static final Verdict[] VERDICTS = Verdict.values();
    private static final OwnerKind[] OWNERS = OwnerKind.values();
    private static final VerdictReason[] REASONS = VerdictReason.values();

    private long records;
    private final long[] verdicts = new long[VERDICTS.length];
    /** By owner kind; the last slot is records whose interface has no owner. */
    private final long[] owners = new long[OWNERS.length + 1];

    private final long[] reasons = new long[VERDICTS.length * REASONS.length];
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Map<UnexpectedGroup, long[]> unexpected = new HashMap<>();
    private long ungrouped;
    private final Set<String> usedRules = new HashSet<>();

    /**
     * The dimensions of one line of the summary's "top unexpected flows": the port is the interface's own (the
     * destination port of an inbound record, the source port of an outbound one), -1 when the record has none.
     */
    public record UnexpectedGroup(
            Verdict verdict,
            VerdictReason reason,
            String interfaceId,
            OwnerKind ownerKind,
            String ownerId,
            String peer,
            int protocol,
            int localPort)
            implements Serializable {}

    /** An enriched record. */
    public void add(FlowRow row) {
        count(row.verdict, row.verdictReason, row.eniOwnerKind, 1);
        if (Alerts.isUnexpected(row)) {
            UnexpectedGroup g = new UnexpectedGroup(
                    row.verdict,
                    row.verdictReason,
                    row.interfaceId,
                    row.eniOwnerKind,
                    row.eniOwnerId,
                    row.peerAddr == null ? null : row.peerAddr.toString(),
                    row.protocol,
                    row.direction == Direction.INGRESS ? row.dstport : row.srcport);
            long[] n = unexpected.get(g);
            if (n == null && unexpected.size() < MAX_UNEXPECTED_GROUPS) {
                unexpected.put(g, n = new long[1]);
            }
            if (n != null) {
                n[0]++;
            } else {
                ungrouped++;
            }
        }
    }

    /** A partial sum of records a reader attributed and judged itself (they have no row of their own). */
    public void add(VerdictStatsRow partial) {
        count(partial.verdict, partial.verdictReason, partial.eniOwnerKind, partial.flows);
    }

    private void count(Verdict verdict, VerdictReason reason, OwnerKind owner, long n) {
        records += n;
        verdicts[verdict.ordinal()] += n;
        owners[owner == null ? OWNERS.length : owner.ordinal()] += n;
        if (reason != null) {
            reasons[verdict.ordinal() * REASONS.length + reason.ordinal()] += n;
        }
    }

    public void deadLetter(String reason) {
        deadLetters.merge(reason, 1L, Long::sum);
    }

    /** A rule that allowed at least one record. */
    public void ruleUsed(String ruleId) {
        if (ruleId != null) {
            usedRules.add(ruleId);
        }
    }

    /** Adds another task's counts to these. */
    public void merge(RunTally other) {
        records += other.records;
        for (int i = 0; i < verdicts.length; i++) {
            verdicts[i] += other.verdicts[i];
        }
        for (int i = 0; i < owners.length; i++) {
            owners[i] += other.owners[i];
        }
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] += other.reasons[i];
        }
        other.deadLetters.forEach((k, v) -> deadLetters.merge(k, v, Long::sum));
        other.unexpected.forEach((g, n) -> unexpected.merge(g, n.clone(), (a, b) -> {
            a[0] += b[0];
            return a;
        }));
        ungrouped += other.ungrouped;
        usedRules.addAll(other.usedRules);
    }

    public RunTally copy() {
        RunTally t = new RunTally();
        t.merge(this);
        return t;
    }

    public long records() {
        return records;
    }

    public long deadLetters() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> deadLettersByReason() {
        return new TreeMap<>(deadLetters);
    }

    /** Records by verdict code, the verdicts no record had left out. */
    public Map<String, Long> verdicts() {
        Map<String, Long> m = new TreeMap<>();
        for (Verdict v : VERDICTS) {
            put(m, v.code(), verdicts[v.ordinal()]);
        }
        return m;
    }

    /** Records by owner kind code, {@code unattributed} for interfaces without an owner. */
    public Map<String, Long> owners() {
        Map<String, Long> m = new TreeMap<>();
        for (OwnerKind k : OWNERS) {
            put(m, k.code(), owners[k.ordinal()]);
        }
        put(m, "unattributed", owners[OWNERS.length]);
        return m;
    }

    /** Records with a reason, by {@code verdict:reason}. */
    public Map<String, Long> reasons() {
        Map<String, Long> m = new TreeMap<>();
        for (Verdict v : VERDICTS) {
            for (VerdictReason r : REASONS) {
                put(m, v.code() + ":" + r.code(), reasons[v.ordinal() * REASONS.length + r.ordinal()]);
            }
        }
        return m;
    }

    private static void put(Map<String, Long> m, String key, long n) {
        if (n != 0) {
            m.put(key, n);
        }
    }

    /** The largest unexpected groups, most records first, then by interface and peer. */
    public List<Map.Entry<UnexpectedGroup, Long>> topUnexpected(int n) {
        List<Map.Entry<UnexpectedGroup, Long>> all = new ArrayList<>();
        unexpected.forEach((g, c) -> all.add(Map.entry(g, c[0])));
        all.sort(Comparator.<Map.Entry<UnexpectedGroup, Long>>comparingLong(e -> -e.getValue())
                .thenComparing(e -> e.getKey().interfaceId(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> e.getKey().peer(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> e.getKey().toString()));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Unexpected records of groups first seen after {@link #MAX_UNEXPECTED_GROUPS} others: in no group above. */
    public long ungrouped() {
        return ungrouped;
    }

    public Set<String> usedRules() {
        return Set.copyOf(usedRules);
    }
}
