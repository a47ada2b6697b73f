package io.vpcflow.ownership;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.TransitGatewayAttachment;
import io.vpcflow.inventory.VpcPeering;
import io.vpcflow.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who owned each interface, and which interface held each address, over time — built from a series of
 * snapshots, so that a record is attributed with the owner valid at its own time, never "what owns it now".
 *
 * <p>Each snapshot holds from its time until the next one; the first reaches back and the last forward
 * without limit. Interface ids are never reused, so an interface's first known state reaches back and
 * its last forward without limit too (a late record of a deleted interface still finds its owner);
 * addresses are reused, so they get no such stretch: an address nobody held at a time is unknown, not
 * a guess.
 *
 * <p>Immutable and safe to share between threads. Lookups by byte slice allocate nothing.
 */
public final class OwnershipTimeline {
    /**
     * An interface and its owner over {@code [validFrom, validTo)} (epoch seconds).
     *
     * @param vpc the interface's VPC as an index of this timeline ({@link #vpcIndex}), or -1 when it names none
     */
    public record Attribution(NetworkInterface eni, Owner owner, long validFrom, long validTo, int vpc) {}

    /** The VPC of a public address: it is the same interface whichever VPC sees it. */
    private static final int GLOBAL = -1;
    /** The VPC of a private address of an interface that names no VPC. */
    private static final int NO_VPC = -2;

    private static final int[] NONE = {};

    private record AddressRange(long from, long to, int eni, int vpc) {}

    private final List<InventorySnapshot> snapshots;
    private final long[] snapshotStart;
    private final ByteKeyIndex eniIndex;
    private final List<String> eniIds;
    private final Attribution[][] eniRanges;
    private final LongKeyMap<AddressRange[]> v4;
    private final Map<IpAddress, AddressRange[]> v6;
    private final Map<String, Integer> vpcIndex = new HashMap<>();
    /** For each snapshot, for each VPC index, the VPCs it reaches through peering or a transit gateway, sorted. */
    private final int[][][] connected;

    private OwnershipTimeline(List<InventorySnapshot> snapshots) {
        this.snapshots = List.copyOf(snapshots);
        int n = snapshots.size();
        long[] start = new long[n];
        long[] end = new long[n];
        for (int i = 0; i < n; i++) {
            start[i] = i == 0 ? Long.MIN_VALUE : seconds(snapshots.get(i).takenAt());
            end[i] = i == n - 1 ? Long.MAX_VALUE : seconds(snapshots.get(i + 1).takenAt());
        }
        snapshotStart = start;

        // Interfaces: consecutive snapshots with the same interface and owner merge into one range.
        Map<String, List<Attribution>> byEni = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            InventorySnapshot s = snapshots.get(i);
            EniClassifier classifier = EniClassifier.of(s);
            for (NetworkInterface eni : s.interfaces()) {
                Owner owner = classifier.classify(eni);
                int vpc = eni.vpcId() == null ? -1 : vpcIndex.computeIfAbsent(eni.vpcId(), v -> vpcIndex.size());
                List<Attribution> ranges = byEni.computeIfAbsent(eni.id(), k -> new ArrayList<>());
                Attribution last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null
                        && last.validTo() == start[i]
                        && last.eni().equals(eni)
                        && last.owner().equals(owner)) {
                    ranges.set(ranges.size() - 1, new Attribution(eni, owner, last.validFrom(), end[i], vpc));
                } else {
                    ranges.add(new Attribution(eni, owner, start[i], end[i], vpc));
                }
            }
        }
        eniIds = List.copyOf(byEni.keySet());
        eniIndex = new ByteKeyIndex(eniIds);
        eniRanges = new Attribution[eniIds.size()][];
        for (int k = 0; k < eniIds.size(); k++) {
            List<Attribution> ranges = byEni.get(eniIds.get(k));
            Attribution first = ranges.get(0);
            ranges.set(0, new Attribution(first.eni(), first.owner(), Long.MIN_VALUE, first.validTo(), first.vpc()));
            Attribution last = ranges.get(ranges.size() - 1);
            ranges.set(
                    ranges.size() - 1,
                    new Attribution(last.eni(), last.owner(), last.validFrom(), Long.MAX_VALUE, last.vpc()));
            eniRanges[k] = ranges.toArray(Attribution[]::new);
        }

        // Addresses, strictly within the snapshots that show them. A private address belongs to its interface's VPC
        // (every default VPC is 172.31.0.0/16); a public one (the associated IPv4, a global IPv6) to no VPC.
        Map<IpAddress, List<AddressRange>> byAddress = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (NetworkInterface eni : snapshots.get(i).interfaces()) {
                int k = eniIndex.get(eni.id());
                int vpc = eni.vpcId() == null ? NO_VPC : vpcIndex.get(eni.vpcId());
                for (IpAddress a : eni.privateAddresses()) {
                    addRange(byAddress, a, a.isV4() || !PeerClassifier.isPublic(a) ? vpc : GLOBAL, k, start[i], end[i]);
                }
                if (eni.publicIp() != null) {
                    addRange(byAddress, eni.publicIp(), GLOBAL, k, start[i], end[i]);
                }
            }
        }
        v4 = new LongKeyMap<>(byAddress.size());
        v6 = new HashMap<>();
        byAddress.forEach((a, ranges) -> {
            AddressRange[] arr = ranges.toArray(AddressRange[]::new);
            if (a.isV4()) {
                v4.put(a.low(), arr);
            } else {
                v6.put(a, arr);
            }
        });

        connected = new int[n][][];
        for (int i = 0; i < n; i++) {
            connected[i] = connections(snapshots.get(i));
        }
    }

    /** Extends the range of the same interface and VPC that ends where this snapshot starts, else adds one. */
    private static void addRange(
            Map<IpAddress, List<AddressRange>> byAddress, IpAddress a, int vpc, int eni, long from, long to) {
        List<AddressRange> ranges = byAddress.computeIfAbsent(a, x -> new ArrayList<>(1));
        for (int j = ranges.size() - 1; j >= 0 && ranges.get(j).to() >= from; j--) {
            AddressRange r = ranges.get(j);
            if (r.eni() == eni && r.vpc() == vpc && r.to() == from) {
                ranges.set(j, new AddressRange(r.from(), to, eni, vpc));
                return;
            }
        }
        ranges.add(new AddressRange(from, to, eni, vpc));
    }

    /** Which VPCs each VPC (of an interface) reaches in one snapshot: active peerings and shared transit gateways. */
    private int[][] connections(InventorySnapshot s) {
        if (s.peerings().isEmpty() && s.transitGatewayAttachments().isEmpty()) {
            return null;
        }
        Map<Integer, java.util.TreeSet<Integer>> reach = new HashMap<>();
        java.util.function.BiConsumer<String, String> link = (a, b) -> {
            Integer x = a == null ? null : vpcIndex.get(a);
            Integer y = b == null ? null : vpcIndex.get(b);
            if (x != null && y != null && !x.equals(y)) {
                reach.computeIfAbsent(x, v -> new java.util.TreeSet<>()).add(y);
                reach.computeIfAbsent(y, v -> new java.util.TreeSet<>()).add(x);
            }
        };
        for (VpcPeering p : s.peerings()) {
            if (p.active()) {
                link.accept(p.requesterVpcId(), p.accepterVpcId());
            }
        }
        Map<String, List<String>> byGateway = new HashMap<>();
        for (TransitGatewayAttachment a : s.transitGatewayAttachments()) {
            if (a.available() && a.transitGatewayId() != null) {
                byGateway
                        .computeIfAbsent(a.transitGatewayId(), g -> new ArrayList<>())
                        .add(a.vpcId());
            }
        }
        for (List<String> vpcs : byGateway.values()) {
            for (String a : vpcs) {
                for (String b : vpcs) {
                    link.accept(a, b);
                }
            }
        }
        int[][] out = new int[vpcIndex.size()][];
        java.util.Arrays.fill(out, NONE);
        reach.forEach(
                (v, to) -> out[v] = to.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    /**
     * A timeline over snapshots in time order; a lone snapshot without a time holds for all time.
     * Snapshots whose {@code DescribeNetworkInterfaces} failed say nothing about ownership and are left
     * out, so that a failed fetch does not make every interface look deleted.
     */
    public static OwnershipTimeline of(List<InventorySnapshot> all) {
        List<InventorySnapshot> snapshots =
                all.stream().filter(InventorySnapshot::listsInterfaces).toList();
        if (snapshots.isEmpty()) {
            throw new InventoryException(
                    all.isEmpty()
                            ? "the inventory holds no snapshot"
                            : "no snapshot of the inventory lists network interfaces (DescribeNetworkInterfaces failed)");
        }
        Instant previous = null;
        for (InventorySnapshot s : snapshots) {
            if (snapshots.size() > 1 && s.takenAt() == null) {
                throw new InventoryException("every snapshot of a series needs its time");
            }
            if (previous != null && !s.takenAt().isAfter(previous)) {
                throw new InventoryException(
                        "snapshots must be in time order: " + s.takenAt() + " follows " + previous);
            }
            previous = s.takenAt();
        }
        return new OwnershipTimeline(snapshots);
    }

    public List<InventorySnapshot> snapshots() {
        return snapshots;
    }

    /** Every interface id ever seen, in order of first appearance. */
    public List<String> interfaceIds() {
        return eniIds;
    }

    /** Every range of one interface, in time order; empty when never seen. */
    public List<Attribution> history(String eniId) {
        int k = eniIndex.get(eniId);
        return k < 0 ? List.of() : List.of(eniRanges[k]);
    }

    /** The interface and its owner at {@code epochSecond}, or null when the id was never seen. */
    public Attribution interfaceAt(String eniId, long epochSecond) {
        int k = eniIndex.get(eniId);
        return k < 0 ? null : at(eniRanges[k], epochSecond);
    }

    /** As {@link #interfaceAt(String, long)}, reading the id from a slice of a line buffer. */
    public Attribution interfaceAt(byte[] b, int off, int len, long epochSecond) {
        int k = eniIndex.get(b, off, len);
        return k < 0 ? null : at(eniRanges[k], epochSecond);
    }

    /** The index of a VPC that an interface of the timeline names, or -1 (also for null). */
    public int vpcIndex(String vpcId) {
        Integer v = vpcId == null ? null : vpcIndex.get(vpcId);
        return v == null ? -1 : v;
    }

    /**
     * The interface that held {@code address} at {@code epochSecond} and its owner then, or null, when the VPC it
     * was seen from is not known: a private address then resolves only when a single interface held it.
     */
    public Attribution addressAt(IpAddress address, long epochSecond) {
        return addressAt(-1, address.family(), address.high(), address.low(), epochSecond);
    }

    /** As {@link #addressAt(int, int, long, long, long)} for an address object. */
    public Attribution addressAt(int vpc, IpAddress address, long epochSecond) {
        return addressAt(vpc, address.family(), address.high(), address.low(), epochSecond);
    }

    /**
     * The interface that held an address at {@code epochSecond}, seen from VPC {@code vpc}, and its owner then, or
     * null. A public address is the same interface from anywhere. A private one is first looked for in {@code vpc},
     * then among the VPCs it reaches then (peering, transit gateway), where it must be a single interface; else it
     * is nobody known: another VPC's interface with the same address is never taken for it. With {@code vpc} -1 (not
     * known) the address resolves only when a single interface held it. IPv4 allocates nothing.
     */
    public Attribution addressAt(int vpc, int family, long high, long low, long epochSecond) {
        AddressRange[] ranges = family == IpAddress.V4 ? v4.get(low) : v6.get(IpAddress.ofV6(high, low));
        if (ranges == null) {
            return null;
        }
        // The interface of the record's own VPC (or of a public address) wins; else a single one of the VPCs it
        // reaches (or of no VPC named), of any VPC when the record's is not known.
        AddressRange other = null;
        int candidates = 0;
        int[] reach = null;
        for (AddressRange r : ranges) {
            if (epochSecond < r.from() || epochSecond >= r.to()) {
                continue;
            }
            if (r.vpc() == GLOBAL || (vpc >= 0 && r.vpc() == vpc)) {
                return at(eniRanges[r.eni()], epochSecond);
            }
            if (vpc >= 0 && r.vpc() != NO_VPC) {
                reach = reach == null ? reachable(vpc, epochSecond) : reach;
                if (java.util.Arrays.binarySearch(reach, r.vpc()) < 0) {
                    continue;
                }
            }
            if (other == null || other.eni() != r.eni()) {
                candidates++;
            }
            other = r;
        }
        return other != null && candidates == 1 ? at(eniRanges[other.eni()], epochSecond) : null;
    }

    /** The VPCs {@code vpc} reaches at a time, sorted; empty when the inventory names no connection. */
    private int[] reachable(int vpc, long t) {
        int[][] c = connected[snapshotAt(t)];
        return c == null || vpc >= c.length ? NONE : c[vpc];
    }

    private int snapshotAt(long t) {
        int i = java.util.Arrays.binarySearch(snapshotStart, t);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    private static Attribution at(Attribution[] ranges, long t) {
        for (Attribution a : ranges) {
            if (t >= a.validFrom() && t < a.validTo()) {
                return a;
            }
        }
        return null;
    }

    private static long seconds(Instant t) {
        return Objects.requireNonNull(t).getEpochSecond();
    }
}
