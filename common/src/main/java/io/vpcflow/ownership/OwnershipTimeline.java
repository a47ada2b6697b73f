package io.vpcflow.ownership;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
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
    /** An interface and its owner over {@code [validFrom, validTo)} (epoch seconds). */
    public record Attribution(NetworkInterface eni, Owner owner, long validFrom, long validTo) {}

    private record AddressRange(long from, long to, int eni) {}

    private final List<InventorySnapshot> snapshots;
    private final ByteKeyIndex eniIndex;
    private final List<String> eniIds;
    private final Attribution[][] eniRanges;
    private final LongKeyMap<AddressRange[]> v4;
    private final Map<IpAddress, AddressRange[]> v6;

    private OwnershipTimeline(List<InventorySnapshot> snapshots) {
        this.snapshots = List.copyOf(snapshots);
        int n = snapshots.size();
        long[] start = new long[n];
        long[] end = new long[n];
        for (int i = 0; i < n; i++) {
            start[i] = i == 0 ? Long.MIN_VALUE : seconds(snapshots.get(i).takenAt());
            end[i] = i == n - 1 ? Long.MAX_VALUE : seconds(snapshots.get(i + 1).takenAt());
        }

        // Interfaces: consecutive snapshots with the same interface and owner merge into one range.
        Map<String, List<Attribution>> byEni = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            InventorySnapshot s = snapshots.get(i);
            EniClassifier classifier = new EniClassifier(s.functions());
            for (NetworkInterface eni : s.interfaces()) {
                Owner owner = classifier.classify(eni);
                List<Attribution> ranges = byEni.computeIfAbsent(eni.id(), k -> new ArrayList<>());
                Attribution last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null
                        && last.validTo() == start[i]
                        && last.eni().equals(eni)
                        && last.owner().equals(owner)) {
                    ranges.set(ranges.size() - 1, new Attribution(eni, owner, last.validFrom(), end[i]));
                } else {
                    ranges.add(new Attribution(eni, owner, start[i], end[i]));
                }
            }
        }
        eniIds = List.copyOf(byEni.keySet());
        eniIndex = new ByteKeyIndex(eniIds);
        eniRanges = new Attribution[eniIds.size()][];
        for (int k = 0; k < eniIds.size(); k++) {
            List<Attribution> ranges = byEni.get(eniIds.get(k));
            Attribution first = ranges.get(0);
            ranges.set(0, new Attribution(first.eni(), first.owner(), Long.MIN_VALUE, first.validTo()));
            Attribution last = ranges.get(ranges.size() - 1);
            ranges.set(ranges.size() - 1, new Attribution(last.eni(), last.owner(), last.validFrom(), Long.MAX_VALUE));
            eniRanges[k] = ranges.toArray(Attribution[]::new);
        }

        // Addresses: private IPv4/IPv6 and public IPv4, strictly within the snapshots that show them.
        Map<IpAddress, List<AddressRange>> byAddress = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (NetworkInterface eni : snapshots.get(i).interfaces()) {
                int k = eniIndex.get(eni.id());
                List<IpAddress> addresses = new ArrayList<>(eni.privateAddresses());
                if (eni.publicIp() != null) {
                    addresses.add(eni.publicIp());
                }
                for (IpAddress a : addresses) {
                    List<AddressRange> ranges = byAddress.computeIfAbsent(a, x -> new ArrayList<>());
                    AddressRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                    if (last != null && last.eni() == k && last.to() == start[i]) {
                        ranges.set(ranges.size() - 1, new AddressRange(last.from(), end[i], k));
                    } else {
                        ranges.add(new AddressRange(start[i], end[i], k));
                    }
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
    }

    /**
     * A timeline over snapshots in time order; a lone snapshot without a time holds for all time.
     * Snapshots whose {@code DescribeNetworkInterfaces} failed say nothing about ownership and are left
     * out, so that a failed fetch does not make every interface look deleted.
     */
    public static OwnershipTimeline of(List<InventorySnapshot> all) {
        List<InventorySnapshot> snapshots = all.stream()
                .filter(s -> !s.failedCalls().contains("DescribeNetworkInterfaces"))
                .toList();
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

    /** The interface that held {@code address} at {@code epochSecond} and its owner then, or null. */
    public Attribution addressAt(IpAddress address, long epochSecond) {
        return addressAt(address.family(), address.high(), address.low(), epochSecond);
    }

    /** As {@link #addressAt(IpAddress, long)} from the words a parsed record holds; IPv4 allocates nothing. */
    public Attribution addressAt(int family, long high, long low, long epochSecond) {
        AddressRange[] ranges = family == IpAddress.V4 ? v4.get(low) : v6.get(IpAddress.ofV6(high, low));
        if (ranges == null) {
            return null;
        }
        for (AddressRange r : ranges) {
            if (epochSecond >= r.from() && epochSecond < r.to()) {
                return at(eniRanges[r.eni()], epochSecond);
            }
        }
        return null;
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
