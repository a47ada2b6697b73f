package io.vpcflow.whatif;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.Cidr;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.RuleKey;
import io.vpcflow.verdict.Verdict;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Least privilege from observed traffic: for each rule of the groups as they stand now (the latest snapshot), what the
 * records it allowed in the period used (protocols, the ports of the connections' servers, peers), and the narrower
 * rules that keep all of it: peers as single addresses, or the longest prefix that covers them in at most
 * {@value #MAX_PREFIXES} blocks; only the ports used, merged into ranges. A rule that allowed nothing is for removal.
 * Rules a group references, prefix lists and IPv6 targets keep their target and are narrowed in ports only (an IPv6
 * rule is narrowed to single addresses when its peers are few).
 *
 * <p>A rule without an id (an inventory without {@code describe-security-group-rules}) cannot be told apart from
 * its group's others in a record's judgement, and is left as it is. Not thread-safe.
 */
public final class LeastPrivilege {
    /** The most address blocks a narrowed rule names before it takes a shorter prefix. */
    static final int MAX_PREFIXES = 16;
    /** The most port ranges a narrowed rule names before it takes one range from the lowest port to the highest. */
    static final int MAX_PORT_RANGES = 8;
    /** Peers remembered per rule; a rule used by more is narrowed in ports only. */
    static final int MAX_PEERS = 65_536;

    /** What to do with one rule. */
    public enum Kind {
        /** Replace the rule with {@link Suggestion#replacements()}. */
        NARROW,
        /** No record in the period needed it. */
        REMOVE
    }

    /**
     * @param flows the records the rule allowed in the period
     * @param peers how many distinct peers they had (-1 when more than remembered)
     */
    public record Suggestion(
            Kind kind,
            String groupId,
            SecurityGroupRule rule,
            List<SecurityGroupRule> replacements,
            long flows,
            int peers) {}

    private static final class Usage {
        long flows;
        final Map<Integer, BitSet> portsByProtocol = new TreeMap<>();
        Set<IpAddress> peers = new HashSet<>();
    }

    private final InventorySnapshot current;
    private final TodaysJudgement todays;
    private final Map<String, Usage> byRule = new HashMap<>();

    public LeastPrivilege(OwnershipTimeline timeline, IntentEvaluator today, long from, long to) {
        List<InventorySnapshot> snapshots = timeline.snapshots();
        this.current = snapshots.get(snapshots.size() - 1);
        this.todays = new TodaysJudgement(timeline, today, from, to);
    }

    /** Judges a record by today's rules and counts what it used of the rule that allowed it. */
    public void add(FlowRow row) {
        if (todays.judge(row) == null || row.verdict != Verdict.ALLOWED || row.sgRuleId == null) {
            return;
        }
        Usage u = byRule.computeIfAbsent(row.sgId + " " + row.sgRuleId, k -> new Usage());
        u.flows++;
        // The rule was matched for the connection's server port, whichever side's record this is.
        int port = TodaysJudgement.servicePort(row);
        BitSet ports = u.portsByProtocol.computeIfAbsent(row.protocol, p -> new BitSet());
        if (port >= 0 && port < 65536) {
            ports.set(port);
        }
        if (u.peers != null && row.peerAddr != null) {
            u.peers.add(row.peerAddr);
            if (u.peers.size() > MAX_PEERS) {
                u.peers = null;
            }
        }
    }

    /** Every rule of the current groups that is wider than its traffic, or unused, in group and rule order. */
    public List<Suggestion> suggestions() {
        List<Suggestion> out = new ArrayList<>();
        for (SecurityGroup g : current.securityGroups()) {
            for (SecurityGroupRule r : g.rules()) {
                if (r.ruleId() == null) {
                    continue;
                }
                Usage u = byRule.get(g.id() + " " + r.ruleId());
                if (u == null) {
                    out.add(new Suggestion(Kind.REMOVE, g.id(), r, List.of(), 0, 0));
                    continue;
                }
                List<SecurityGroupRule> narrowed = narrowed(r, u);
                if (!narrowed.stream().map(RuleKey::of).toList().equals(List.of(RuleKey.of(r)))) {
                    out.add(new Suggestion(
                            Kind.NARROW, g.id(), r, narrowed, u.flows, u.peers == null ? -1 : u.peers.size()));
                }
            }
        }
        return out;
    }

    /** The rules of the current groups that have no id: records cannot say which of them allowed them, so none is narrowed. */
    public List<SecurityGroupRule> withoutIds() {
        List<SecurityGroupRule> out = new ArrayList<>();
        current.securityGroups()
                .forEach(g -> g.rules().stream().filter(r -> r.ruleId() == null).forEach(out::add));
        return out;
    }

    /** The suggestions as a proposal: each rule replaced by its narrowed rules, or removed. */
    public static Proposal proposal(List<Suggestion> suggestions) {
        Proposal.Builder b = Proposal.builder();
        for (Suggestion s : suggestions) {
            b.edit(s.groupId(), List.of(s.rule()), s.replacements());
        }
        return b.build();
    }

    /** The narrower rules keeping what {@code u} used of {@code r}; {@code r} alone when it cannot be narrowed. */
    private static List<SecurityGroupRule> narrowed(SecurityGroupRule r, Usage u) {
        List<String> cidrs = targets(r, u);
        List<SecurityGroupRule> out = new ArrayList<>();
        int protocol = RuleKey.protocolNumber(r.protocol());
        Map<Integer, BitSet> used = new LinkedHashMap<>();
        if (protocol == -1) {
            used.putAll(u.portsByProtocol);
        } else {
            used.put(protocol, u.portsByProtocol.getOrDefault(protocol, new BitSet()));
        }
        int n = 0;
        for (Map.Entry<Integer, BitSet> e : used.entrySet()) {
            int p = e.getKey();
            if (p < 0) {
                continue; // a record without a protocol allowed by an all-protocols rule: nothing to name
            }
            boolean ports = p == 6 || p == 17;
            List<int[]> ranges = ports ? ranges(e.getValue(), r, protocol == -1) : List.of(new int[] {-1, -1});
            String name = protocol == -1 ? protocolName(p) : r.protocol();
            for (int[] range : ranges) {
                for (String cidr : cidrs) {
                    n++;
                    out.add(new SecurityGroupRule(
                            r.ruleId() + "-narrowed-" + n,
                            r.groupId(),
                            r.egress(),
                            name,
                            ports ? range[0] : protocol == -1 ? -1 : r.fromPort(),
                            ports ? range[1] : protocol == -1 ? -1 : r.toPort(),
                            cidr != null && r.cidrIpv4() != null ? cidr : null,
                            cidr != null && r.cidrIpv6() != null ? cidr : null,
                            r.prefixListId(),
                            r.referencedGroupId(),
                            r.description()));
                }
            }
        }
        return out;
    }

    /** The CIDR targets that cover the peers used (null: the rule's own target, not a CIDR one, kept). */
    private static List<String> targets(SecurityGroupRule r, Usage u) {
        String cidr = r.cidrIpv4() != null ? r.cidrIpv4() : r.cidrIpv6();
        if (cidr == null || u.peers == null || u.peers.isEmpty()) {
            return java.util.Collections.singletonList(cidr);
        }
        if (r.cidrIpv6() != null) {
            if (u.peers.size() > MAX_PREFIXES) {
                return List.of(cidr);
            }
            return u.peers.stream().sorted().map(a -> a + "/128").toList();
        }
        int ruleBits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        long[] addresses = u.peers.stream()
                .filter(IpAddress::isV4)
                .mapToLong(IpAddress::low)
                .sorted()
                .toArray();
        // The longest prefix that needs at most MAX_PREFIXES blocks; then, of the shorter ones covering at most twice
        // as many addresses, the one needing fewest blocks (60 peers in one /26: one /26, not sixteen /30s).
        int longest = -1;
        long covered = 0;
        int best = -1;
        int bestBlocks = Integer.MAX_VALUE;
        for (int bits = 32; bits > ruleBits; bits--) {
            int blocks = blocks(addresses, bits);
            if (blocks > MAX_PREFIXES) {
                continue;
            }
            long size = (long) blocks << (32 - bits);
            if (longest < 0) {
                longest = bits;
                covered = size;
            }
            if (size <= 2 * covered && blocks < bestBlocks) {
                best = bits;
                bestBlocks = blocks;
            }
        }
        if (best < 0) {
            return List.of(Cidr.parse(cidr).toString());
        }
        long mask = (0xFFFF_FFFFL << (32 - best)) & 0xFFFF_FFFFL;
        List<String> out = new ArrayList<>();
        long last = -1;
        for (long a : addresses) {
            if ((a & mask) != last) {
                last = a & mask;
                out.add(IpAddress.ofV4(last) + "/" + best);
            }
        }
        return out;
    }

    /** How many distinct blocks of {@code bits} the sorted addresses fall in (counting stops past the limit). */
    private static int blocks(long[] sorted, int bits) {
        long mask = (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
        int n = 0;
        long last = -1;
        for (long a : sorted) {
            if ((a & mask) != last) {
                last = a & mask;
                if (++n > MAX_PREFIXES) {
                    break;
                }
            }
        }
        return n;
    }

    /** The used ports as ranges within the rule's own; the rule's range when nothing is known of them. */
    private static List<int[]> ranges(BitSet used, SecurityGroupRule r, boolean allProtocols) {
        int lo = allProtocols || r.fromPort() < 0 ? 0 : r.fromPort();
        int hi = allProtocols || r.toPort() < 0 ? 65535 : r.toPort();
        List<int[]> out = new ArrayList<>();
        for (int p = used.nextSetBit(lo); p >= 0 && p <= hi; p = used.nextSetBit(p + 1)) {
            int end = used.nextClearBit(p) - 1;
            out.add(new int[] {p, Math.min(end, hi)});
            p = end;
        }
        if (out.isEmpty()) {
            return List.of(new int[] {lo, hi});
        }
        if (out.size() > MAX_PORT_RANGES) {
            return List.of(new int[] {out.get(0)[0], out.get(out.size() - 1)[1]});
        }
        return out;
    }

    private static String protocolName(int p) {
        String name = RuleKey.protocolName(p);
        return name != null ? name : Integer.toString(p);
    }
}
