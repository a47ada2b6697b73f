package io.vpcflow.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Many estates (an account in a region, each with its own snapshots) merged into one timeline of snapshots, the form
 * attribution reads: at each time, every estate as its latest snapshot then stood (its first reaching back).
 */
public final class Estates {
    /**
     * Snapshots of different estates taken within this of each other are one fetch run: one time of the merged
     * timeline, not one per estate (fifty accounts fetched a few seconds apart would otherwise be fifty copies).
     */
    public static final long RUN_SECONDS = 300;

    /**
     * One estate's snapshots in time order.
     *
     * @param account the account id, or null when the folder does not say
     * @param region  the region, or null when the folder does not say
     * @param where   where it was read from, to name it
     */
    public record Estate(String account, String region, String where, List<InventorySnapshot> snapshots) {
        public Estate {
            snapshots = List.copyOf(snapshots);
        }

        /** The snapshots that say which interfaces there were (not a failed fetch). */
        public List<InventorySnapshot> usable() {
            return snapshots.stream().filter(InventorySnapshot::listsInterfaces).toList();
        }

        /** "account 111122223333 in us-east-1", or the folder when it does not say. */
        public String name() {
            if (account == null && region == null) {
                return where;
            }
            return (account == null ? "" : "account " + account)
                    + (account != null && region != null ? " " : "")
                    + (region == null ? "" : "in " + region);
        }
    }

    private Estates() {}

    /**
     * The merged timeline. One estate is its own snapshots, failed ones included (a timeline leaves those out);
     * of several, only snapshots that list interfaces are merged, so that one account's failed fetch does not look
     * like all of its interfaces deleted: its last good snapshot stays in force.
     */
    public static List<InventorySnapshot> merge(List<Estate> estates) {
        if (estates.size() == 1) {
            return estates.get(0).snapshots();
        }
        List<List<InventorySnapshot>> usable =
                estates.stream().map(Estate::usable).filter(s -> !s.isEmpty()).toList();
        TreeSet<Instant> times = new TreeSet<>();
        usable.forEach(list -> list.stream()
                .map(InventorySnapshot::takenAt)
                .filter(java.util.Objects::nonNull)
                .forEach(times::add));
        List<Instant> runs = new ArrayList<>();
        for (Instant t : times) {
            if (runs.isEmpty() || t.getEpochSecond() - runs.get(runs.size() - 1).getEpochSecond() >= RUN_SECONDS) {
                runs.add(t);
            }
        }
        if (runs.isEmpty()) {
            return List.of(union(null, usable.stream().map(list -> list.get(0)).toList()));
        }
        List<InventorySnapshot> merged = new ArrayList<>(runs.size());
        for (int r = 0; r < runs.size(); r++) {
            Instant before = r + 1 < runs.size() ? runs.get(r + 1) : Instant.MAX;
            List<InventorySnapshot> inForce = new ArrayList<>(usable.size());
            for (List<InventorySnapshot> list : usable) {
                inForce.add(latestBefore(list, before));
            }
            merged.add(union(runs.get(r), inForce));
        }
        return merged;
    }

    /** The last snapshot taken before {@code t}, else the first; a lone snapshot without a time holds always. */
    private static InventorySnapshot latestBefore(List<InventorySnapshot> list, Instant t) {
        InventorySnapshot found = list.get(0);
        for (InventorySnapshot s : list) {
            if (s.takenAt() != null && s.takenAt().isBefore(t)) {
                found = s;
            }
        }
        return found;
    }

    /** One snapshot of every estate's: what two estates both list (a shared VPC's subnet, an AWS prefix list) once. */
    private static InventorySnapshot union(Instant time, List<InventorySnapshot> parts) {
        boolean complete = true;
        LinkedHashSet<String> failed = new LinkedHashSet<>();
        for (InventorySnapshot s : parts) {
            complete &= s.complete();
            failed.addAll(s.failedCalls());
        }
        return new InventorySnapshot(
                time,
                complete,
                List.copyOf(failed),
                distinct(parts, InventorySnapshot::interfaces, NetworkInterface::id),
                distinct(parts, InventorySnapshot::securityGroups, SecurityGroup::id),
                distinct(parts, InventorySnapshot::networkAcls, NetworkAcl::id),
                distinct(parts, InventorySnapshot::subnets, Subnet::id),
                distinct(parts, InventorySnapshot::vpcs, Vpc::id),
                distinct(parts, InventorySnapshot::prefixLists, PrefixList::id),
                distinct(parts, InventorySnapshot::functions, f -> f.arn() == null ? f.name() : f.arn()),
                distinct(parts, InventorySnapshot::peerings, VpcPeering::id),
                distinct(parts, InventorySnapshot::transitGatewayAttachments, TransitGatewayAttachment::id));
    }

    private static <T> List<T> distinct(
            List<InventorySnapshot> parts, Function<InventorySnapshot, List<T>> items, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        int unnamed = 0;
        for (InventorySnapshot s : parts) {
            for (T t : items.apply(s)) {
                String key = id.apply(t);
                byId.putIfAbsent(key == null ? "\0" + unnamed++ : key, t);
            }
        }
        return List.copyOf(byId.values());
    }
}
