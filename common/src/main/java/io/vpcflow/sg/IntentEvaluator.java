package io.vpcflow.sg;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Flow;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Judgement;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Judges records against the intent of the security groups on the capturing interface, at the record's
 * time, and explains the surprises.
 *
 * <p>Only the initiating direction is evaluated: security groups are stateful, so the response of an
 * allowed connection is allowed whatever the rules of its own direction say. The initiator comes from
 * TCP flags when the record has them, then from state the caller carried across windows, then from
 * which side looks like the service (a port the interface's own inbound rules open, a well-known port),
 * and only then from the lower port.
 *
 * <p>Immutable and safe to share; rules are compiled once per snapshot when it is built.
 */
public final class IntentEvaluator {
    /** A record further than this from its snapshot is judged on stale inventory. */
    private static final long STALE_AFTER_SECONDS = 24 * 3600;
    // Ports that are services even above 1023, so that a client's port is not mistaken for one.
    private static final BitSet SERVICE_PORTS = new BitSet(65536);

    static {
        SERVICE_PORTS.set(0, 1024);
        for (int p : new int[] {
            1433, 1521, 2049, 2181, 2379, 3000, 3306, 3389, 4222, 5432, 5439, 5671, 5672, 6379, 6443, 7000, 7001, 8000,
            8080, 8081, 8443, 8888, 9000, 9042, 9090, 9092, 9093, 9200, 9300, 9418, 10250, 11211, 27017
        }) {
            SERVICE_PORTS.set(p);
        }
    }

    private final OwnershipTimeline timeline;
    private final RuleIndex[] indexes;
    private final long[] times;
    /**
     * Each interface's compiled groups in each snapshot, by the identity of its list of group ids (one object per
     * interface, shared by the snapshots of a series where the interface did not change): one lookup per record
     * instead of one per group. A snapshot whose groups are the same objects as the one before shares its array,
     * so a day of hourly snapshots costs little more than one.
     */
    private final Map<List<String>, RuleIndex.Group[][]> groupsByInterface = new IdentityHashMap<>();

    /** @throws io.vpcflow.inventory.InventoryException when a rule of any snapshot cannot be compiled */
    public IntentEvaluator(OwnershipTimeline timeline) {
        this(timeline, UnaryOperator.identity());
    }

    /**
     * Judges by the rules of each of the timeline's snapshots as {@code rules} changes them (its security groups and
     * network ACLs; a proposal), while interfaces, their groups and addresses stay the timeline's: what the same
     * traffic would meet under other rules.
     *
     * @throws io.vpcflow.inventory.InventoryException when a rule of any changed snapshot cannot be compiled
     */
    public IntentEvaluator(OwnershipTimeline timeline, UnaryOperator<InventorySnapshot> rules) {
        this.timeline = timeline;
        List<InventorySnapshot> snapshots =
                timeline.snapshots().stream().map(rules).toList();
        this.indexes = new RuleIndex[snapshots.size()];
        this.times = new long[snapshots.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = RuleIndex.compile(snapshots.get(i), i == 0 ? null : indexes[i - 1]);
            times[i] = snapshots.get(i).takenAt() == null
                    ? Long.MIN_VALUE
                    : snapshots.get(i).takenAt().getEpochSecond();
            for (NetworkInterface eni : snapshots.get(i).interfaces()) {
                RuleIndex.Group[][] bySnapshot = groupsByInterface.computeIfAbsent(
                        eni.securityGroupIds(), ids -> new RuleIndex.Group[indexes.length][]);
                RuleIndex.Group[] resolved = indexes[i].groupsOf(eni.securityGroupIds());
                RuleIndex.Group[] before = i == 0 ? null : bySnapshot[i - 1];
                bySnapshot[i] = before != null && sameObjects(before, resolved) ? before : resolved;
            }
        }
    }

    private static boolean sameObjects(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The interface's compiled groups in snapshot {@code si}. */
    private RuleIndex.Group[] groupsOf(List<String> ids, int si) {
        RuleIndex.Group[][] bySnapshot = groupsByInterface.get(ids);
        RuleIndex.Group[] known = bySnapshot == null ? null : bySnapshot[si];
        return known != null ? known : indexes[si].groupsOf(ids);
    }

    public Judgement judge(Flow f) {
        return judge(f, Initiator.UNKNOWN);
    }

    /**
     * @param known the initiator the caller knows from earlier windows of the same connection, or UNKNOWN
     */
    public Judgement judge(Flow f, Initiator known) {
        return judge(
                f, known, f.interfaceId() == null ? null : timeline.interfaceAt(f.interfaceId(), f.ownershipTime()));
    }

    /**
     * As {@link #judge(Flow, Initiator)}, for a caller that has already looked up the record's interface at
     * {@link Flow#ownershipTime()} (attributing the record needs it too): one lookup per record, not two.
     *
     * @param attribution {@code timeline.interfaceAt(f.interfaceId(), f.ownershipTime())}
     */
    public Judgement judge(Flow f, Initiator known, OwnershipTimeline.Attribution attribution) {
        Direction dir = judgedDirection(f, attribution);
        if (dir == null) {
            return Judgement.NOT_EVALUATED;
        }
        long t = f.ownershipTime();
        NetworkInterface eni = attribution.eni();
        int vpc = attribution.vpc();
        boolean ingress = dir == Direction.INGRESS;
        IpAddress remote = remote(f, ingress);
        int localPort = ingress ? f.dstport() : f.srcport();
        int remotePort = ingress ? f.srcport() : f.dstport();
        int si = snapshotAt(t);
        RuleIndex idx = indexes[si];
        List<String> groups = eni.securityGroupIds();

        RuleIndex.Group[] compiled = groupsOf(groups, si);
        Initiator init = fromFlags(f, dir);
        if (groups.isEmpty()) {
            // NAT gateways, transit gateway attachments and the like carry no security groups: there is no
            // group intent to judge, but direction, initiator and the remote end are still worth knowing.
            Initiator i = init != Initiator.UNKNOWN ? init : known == null ? Initiator.UNKNOWN : known;
            return new Judgement(dir, i, Verdict.NOT_EVALUATED, null, null, null, false, remote, localPort, remotePort);
        }
        boolean certain = init != Initiator.UNKNOWN;
        if (!certain && known != null && known != Initiator.UNKNOWN) {
            init = known;
            certain = true;
        }
        if (init == Initiator.UNKNOWN) {
            init = fromPorts(f.protocol(), localPort, remotePort, compiled);
        }
        Direction initiating =
                init == Initiator.REMOTE ? Direction.INGRESS : init == Initiator.LOCAL ? Direction.EGRESS : dir;
        int port = initiating == Direction.INGRESS ? localPort : remotePort;
        CompiledRule hit = match(compiled, initiating == Direction.EGRESS, f.protocol(), port, remote, vpc, t);
        boolean allows = hit != null;
        boolean response = init != Initiator.UNKNOWN && dir != initiating;

        Verdict verdict;
        VerdictReason reason = null;
        // A rule naming what the inventory lacks might have allowed what nothing known allows: not a guess either way.
        boolean unknowable =
                !allows && unresolvedMayMatch(compiled, initiating == Direction.EGRESS, f.protocol(), port);
        if (f.action() == Action.ACCEPT) {
            verdict = allows ? Verdict.ALLOWED : Verdict.UNEXPECTED_ACCEPT;
            if (unknowable) {
                reason = VerdictReason.STALE_INVENTORY;
            } else if (!allows) {
                reason = acceptReason(
                        f, si, groups, compiled, initiating, localPort, remotePort, remote, vpc, t, certain, idx);
            }
        } else {
            verdict = allows ? Verdict.UNEXPECTED_REJECT : Verdict.BLOCKED;
            if (unknowable) {
                reason = VerdictReason.STALE_INVENTORY;
            } else if (allows) {
                reason = rejectReason(
                        f, si, groups, compiled, initiating, dir, port, remote, vpc, t, response, hit, idx, eni);
            }
        }
        return new Judgement(
                dir,
                init,
                verdict,
                reason,
                hit == null ? null : hit.groupId,
                hit == null ? null : hit.ruleId,
                hit != null && hit.matchTraffic(f.protocol(), port) == Match.POSSIBLY,
                remote,
                localPort,
                remotePort);
    }

    private VerdictReason acceptReason(
            Flow f,
            int si,
            List<String> groups,
            RuleIndex.Group[] compiled,
            Direction initiating,
            int localPort,
            int remotePort,
            IpAddress remote,
            int vpc,
            long t,
            boolean certain,
            RuleIndex idx) {
        boolean egress = initiating == Direction.EGRESS;
        int port = egress ? remotePort : localPort;
        if (otherSnapshotDecides(si, groups, egress, f.protocol(), port, remote, vpc, t, true)) {
            return VerdictReason.RULE_CHANGED;
        }
        if (!certain) {
            // Read the other way round, the record is the response of a connection the rules allow.
            int reversePort = egress ? localPort : remotePort;
            if (match(compiled, !egress, f.protocol(), reversePort, remote, vpc, t) != null) {
                return VerdictReason.RESPONSE_TRAFFIC;
            }
        }
        return stale(idx, compiled, t) ? VerdictReason.STALE_INVENTORY : VerdictReason.UNKNOWN;
    }

    private VerdictReason rejectReason(
            Flow f,
            int si,
            List<String> groups,
            RuleIndex.Group[] compiled,
            Direction initiating,
            Direction dir,
            int port,
            IpAddress remote,
            int vpc,
            long t,
            boolean response,
            CompiledRule hit,
            RuleIndex idx,
            NetworkInterface eni) {
        CompiledAcl acl = idx.aclOf(eni.subnetId());
        if (acl != null && !acl.allows(dir == Direction.EGRESS, f.protocol(), f.dstport(), remote)) {
            return VerdictReason.NACL_DENY;
        }
        if (otherSnapshotDecides(
                si, groups, initiating == Direction.EGRESS, f.protocol(), port, remote, vpc, t, false)) {
            return VerdictReason.RULE_CHANGED;
        }
        if (response && hit != null && hit.openToAll) {
            CompiledRule back = match(compiled, dir == Direction.EGRESS, f.protocol(), f.dstport(), remote, vpc, t);
            if (back != null && back.openToAll) {
                return VerdictReason.UNTRACKED_FLOW;
            }
        }
        if (f.isTcpWithFlags() && !f.hasSyn()) {
            // No SYN in the window: packets of a connection already closed or forgotten.
            return VerdictReason.LATE_PACKET;
        }
        // Without the subnet's ACL, whether it denied the record is not known.
        return acl == null || stale(idx, compiled, t) ? VerdictReason.STALE_INVENTORY : VerdictReason.UNKNOWN;
    }

    /**
     * The network ACL entry that denies a judged record in its own direction (ACLs are stateless: a response is
     * checked too), at its time, by the ACL of its interface's subnet; null when the ACL lets it through, or when
     * the inventory has no ACL for the subnet.
     */
    public String networkAclDenial(Flow f, Judgement j) {
        if (j.direction() == null || j.remote() == null || f.interfaceId() == null) {
            return null;
        }
        long t = f.ownershipTime();
        OwnershipTimeline.Attribution a = timeline.interfaceAt(f.interfaceId(), t);
        CompiledAcl acl =
                a == null ? null : indexes[snapshotAt(t)].aclOf(a.eni().subnetId());
        return acl == null
                ? null
                : acl.denial(j.direction() == Direction.EGRESS, f.protocol(), f.dstport(), j.remote());
    }

    /** Whether a rule whose target the inventory lacks covers the traffic's protocol and port. */
    private static boolean unresolvedMayMatch(RuleIndex.Group[] groups, boolean egress, int protocol, int port) {
        for (RuleIndex.Group group : groups) {
            if (group == null || !group.namesMissing()) {
                continue;
            }
            for (CompiledRule r : egress ? group.outbound() : group.inbound()) {
                if (r.missingId != null && r.matchTraffic(protocol, port) != Match.NO) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What the inventory's rules and interfaces name that it lacks (prefix lists, groups, subnets' network ACLs), by
     * id over every snapshot, each with one place that names it: the records they would decide are judged
     * {@code stale_inventory}, and a run names these once.
     */
    public Map<String, String> gaps() {
        Map<String, String> all = new java.util.TreeMap<>();
        for (RuleIndex idx : indexes) {
            idx.gaps().forEach(all::putIfAbsent);
        }
        return all;
    }

    /** Whether the snapshot before or after the one in force would have decided {@code allows}. */
    private boolean otherSnapshotDecides(
            int si,
            List<String> groups,
            boolean egress,
            int protocol,
            int port,
            IpAddress remote,
            int vpc,
            long t,
            boolean allows) {
        for (int other : new int[] {si - 1, si + 1}) {
            if (other >= 0
                    && other < indexes.length
                    && (match(groupsOf(groups, other), egress, protocol, port, remote, vpc, t) != null) == allows) {
                return true;
            }
        }
        return false;
    }

    private boolean stale(RuleIndex idx, RuleIndex.Group[] compiled, long t) {
        for (RuleIndex.Group g : compiled) {
            if (g == null) {
                return true; // the interface names a group the snapshot does not have
            }
        }
        if (!idx.complete()) {
            return true;
        }
        long nearest = Long.MAX_VALUE;
        for (long time : times) {
            if (time != Long.MIN_VALUE) {
                nearest = Math.min(nearest, Math.abs(t - time));
            }
        }
        return nearest != Long.MAX_VALUE && nearest > STALE_AFTER_SECONDS;
    }

    /**
     * The first rule of the groups that matches the traffic for certain, else the first that possibly does,
     * else null; {@link CompiledRule#matchTraffic} tells which.
     */
    private CompiledRule match(
            RuleIndex.Group[] groups, boolean egress, int protocol, int port, IpAddress remote, int vpc, long t) {
        CompiledRule possible = null;
        for (RuleIndex.Group group : groups) {
            if (group == null) {
                continue;
            }
            for (CompiledRule r : egress ? group.outbound() : group.inbound()) {
                Match m = r.matchTraffic(protocol, port);
                if (m == Match.NO || !targets(r, remote, vpc, t)) {
                    continue;
                }
                if (m == Match.YES) {
                    return r;
                }
                if (possible == null) {
                    possible = r;
                }
            }
        }
        return possible;
    }

    /**
     * A CIDR target, or a referenced group: the address is a private one of an interface carrying it then, in the
     * VPC the record was seen from or one it reaches (an address of another VPC is another interface).
     */
    private boolean targets(CompiledRule r, IpAddress remote, int vpc, long t) {
        if (r.cidrsContain(remote.family(), remote.high(), remote.low())) {
            return true;
        }
        if (r.referencedGroupId == null) {
            return false;
        }
        OwnershipTimeline.Attribution a = timeline.addressAt(vpc, remote, t);
        return a != null
                && a.eni().securityGroupIds().contains(r.referencedGroupId)
                && a.eni().hasPrivateAddress(remote);
    }

    /**
     * Whether {@link #judge(Flow, Initiator, OwnershipTimeline.Attribution)} gives the record a verdict (its interface
     * holds security groups to judge it by), without judging it: what a reader that knows a record's judgement
     * cannot have changed still counts.
     */
    public boolean judges(Flow f, OwnershipTimeline.Attribution attribution) {
        return judgedDirection(f, attribution) != null
                && !attribution.eni().securityGroupIds().isEmpty();
    }

    /** The record's direction on its interface, or null when it cannot be judged at all. */
    private static Direction judgedDirection(Flow f, OwnershipTimeline.Attribution attribution) {
        if (f.action() == null || f.interfaceId() == null || (f.logStatus() != null && f.logStatus() != LogStatus.OK)) {
            return null;
        }
        if (attribution == null) {
            return null;
        }
        Direction dir = direction(f, attribution.eni());
        return dir == null || remote(f, dir == Direction.INGRESS) == null ? null : dir;
    }

    private static IpAddress remote(Flow f, boolean ingress) {
        return ingress ? firstOf(f.pktSrcaddr(), f.srcaddr()) : firstOf(f.pktDstaddr(), f.dstaddr());
    }

    private static Direction direction(Flow f, NetworkInterface eni) {
        if ("ingress".equals(f.flowDirection())) {
            return Direction.INGRESS;
        }
        if ("egress".equals(f.flowDirection())) {
            return Direction.EGRESS;
        }
        // Any address of the interface counts, not only the primary one.
        if (f.dstaddr() != null && owns(eni, f.dstaddr())) {
            return Direction.INGRESS;
        }
        if (f.srcaddr() != null && owns(eni, f.srcaddr())) {
            return Direction.EGRESS;
        }
        return null;
    }

    private static boolean owns(NetworkInterface eni, IpAddress a) {
        return eni.hasPrivateAddress(a) || a.equals(eni.publicIp());
    }

    /** SYN marks the initiator's packets, SYN-ACK the responder's; the record's packets come from its source. */
    private static Initiator fromFlags(Flow f, Direction dir) {
        if (!f.isTcpWithFlags()) {
            return Initiator.UNKNOWN;
        }
        boolean senderIsRemote = dir == Direction.INGRESS;
        if ((f.tcpFlags() & Flow.SYN_ACK) == Flow.SYN_ACK) {
            return senderIsRemote ? Initiator.LOCAL : Initiator.REMOTE;
        }
        if ((f.tcpFlags() & Flow.SYN) != 0) {
            return senderIsRemote ? Initiator.REMOTE : Initiator.LOCAL;
        }
        return Initiator.UNKNOWN;
    }

    /**
     * Which side is the service: a port the interface's own inbound rules open, then a well-known port,
     * and only then the lower port (clients use low ports too, so this comes last).
     */
    private static Initiator fromPorts(int protocol, int localPort, int remotePort, RuleIndex.Group[] groups) {
        if (!Protocols.hasPorts(protocol) || localPort < 0 || remotePort < 0) {
            return Initiator.UNKNOWN;
        }
        boolean localService = isServicePort(localPort);
        boolean remoteService = isServicePort(remotePort);
        if (!remoteService && inboundOpens(groups, protocol, localPort)) {
            return Initiator.REMOTE;
        }
        if (localService != remoteService) {
            return localService ? Initiator.REMOTE : Initiator.LOCAL;
        }
        if (localPort == remotePort) {
            return Initiator.UNKNOWN;
        }
        return localPort < remotePort ? Initiator.REMOTE : Initiator.LOCAL;
    }

    /** An inbound rule of the interface names this port specifically (not an all-ports rule). */
    private static boolean inboundOpens(RuleIndex.Group[] groups, int protocol, int port) {
        for (RuleIndex.Group group : groups) {
            if (group != null && group.inboundOpens(protocol, port)) {
                return true;
            }
        }
        return false;
    }

    static boolean isServicePort(int port) {
        return port >= 0 && port < 65536 && SERVICE_PORTS.get(port);
    }

    private int snapshotAt(long t) {
        int i = 0;
        while (i + 1 < times.length && times[i + 1] <= t) {
            i++;
        }
        return i;
    }

    private static IpAddress firstOf(IpAddress a, IpAddress b) {
        return a != null ? a : b;
    }
}
