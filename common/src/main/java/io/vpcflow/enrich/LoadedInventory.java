package io.vpcflow.enrich;

import io.vpcflow.inventory.Estates;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An inventory root (one estate or many) read and compiled for attribution and judgement. Both are immutable, so one copy per
 * folder version serves every task in a JVM (a task manager runs many), and the command that checked the
 * folder before starting a local job: the attribution state of a large estate is read and held once.
 */
public record LoadedInventory(
        String fingerprint, List<Estate> estates, OwnershipTimeline timeline, IntentEvaluator evaluator) {
    private static final Map<String, LoadedInventory> LATEST = new HashMap<>();

    /**
     * The folder's inventory as it is now: the shared copy when the folder has not changed since it was read.
     *
     * @throws RuntimeException when the folder cannot be read or holds a malformed inventory
     */
    public static LoadedInventory current(String dir) {
        return current(InventoryStore.local(Paths.get(dir)));
    }

    /** As {@link #current(String)} for a root in any store: listed once, read again only when the listing changed. */
    public static LoadedInventory current(InventoryStore store) {
        return current(store, store.list());
    }

    /** As {@link #current(InventoryStore)} with the store's listing already taken. */
    public static synchronized LoadedInventory current(InventoryStore store, SortedMap<String, String> listing) {
        String dir = store.name("");
        String fingerprint = InventoryFiles.fingerprint(listing);
        LoadedInventory last = LATEST.get(dir);
        if (last != null && last.fingerprint.equals(fingerprint)) {
            return last;
        }
        List<Estate> estates = InventoryFiles.estates(store, listing);
        OwnershipTimeline timeline = OwnershipTimeline.of(Estates.merge(estates));
        LoadedInventory loaded = new LoadedInventory(fingerprint, estates, timeline, new IntentEvaluator(timeline));
        LATEST.put(dir, loaded);
        return loaded;
    }

    /** An inventory that knows nothing: every record unattributed. */
    public static final LoadedInventory EMPTY = empty();

    private static LoadedInventory empty() {
        List<InventorySnapshot> none = List.of(InventorySnapshot.empty(null));
        OwnershipTimeline timeline = OwnershipTimeline.of(none);
        return new LoadedInventory("", List.of(), timeline, new IntentEvaluator(timeline));
    }
}
