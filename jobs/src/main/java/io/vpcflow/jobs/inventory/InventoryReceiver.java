package io.vpcflow.jobs.inventory;

import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.Counters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;

/**
 * The inventory as an enrichment operator receives it: the root's files in broadcast state (checkpointed, so a
 * restored task attributes as before without the root being read again), compiled into a {@link LoadedInventory} at
 * each commit that changes them. Every task of a task manager holds the same file objects and the same compiled
 * inventory (shared per JVM, by path and stamp, and by listing), so a task manager holds the estate once, not once per
 * task.
 */
public final class InventoryReceiver implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, InventoryUpdate> FILES = new MapStateDescriptor<>(
            "inventory-files", TypeInformation.of(String.class), TypeInformation.of(InventoryUpdate.class));
    /** The key of the last commit in {@link #FILES} (no file's path is empty). */
    private static final String COMMIT = "";

    /** One object per (path, stamp) in the JVM: tasks of a task manager share the files' bytes. */
    private static final Map<String, WeakReference<InventoryUpdate>> SHARED = new ConcurrentHashMap<>();

    private transient LoadedInventory inventory;
    private transient String fingerprint;
    private transient long version;
    private transient long knownUntil;
    private transient Counter reloads;
    private transient Counter failures;

    public void open(RuntimeContext context) {
        reloads = Counters.counter(context, Counters.INVENTORY_RELOADS);
        failures = Counters.counter(context, Counters.INVENTORY_RELOAD_FAILURES);
    }

    /** The inventory in force, or null before the first commit. */
    public LoadedInventory inventory() {
        return inventory;
    }

    public long version() {
        return version;
    }

    /** Epoch seconds up to which snapshots are known (see {@link InventoryUpdate#knownUntil}). */
    public long knownUntil() {
        return knownUntil;
    }

    /** Applies one broadcast element; true when it was a commit. */
    public boolean receive(InventoryUpdate u, BroadcastState<String, InventoryUpdate> state) throws Exception {
        switch (u.kind) {
            case InventoryUpdate.PUT -> state.put(u.path, shared(u));
            case InventoryUpdate.REMOVE -> state.remove(u.path);
            case InventoryUpdate.COMMIT -> {
                state.put(COMMIT, u);
                apply(state);
                return true;
            }
            default -> throw new IllegalStateException("unknown inventory update " + u.kind);
        }
        return false;
    }

    /** After a restore, the inventory of the restored broadcast state, before the first record is attributed. */
    public void restore(ReadOnlyBroadcastState<String, InventoryUpdate> state) throws Exception {
        if (fingerprint == null && state.contains(COMMIT)) {
            apply(state);
        }
    }

    private void apply(ReadOnlyBroadcastState<String, InventoryUpdate> state) throws Exception {
        InventoryUpdate commit = state.get(COMMIT);
        version = commit.version;
        knownUntil = commit.knownUntil;
        if (commit.fingerprint == null) {
            // The reader could not read the root yet: records go on, unattributed, rather than wait for ever.
            if (inventory == null) {
                inventory = LoadedInventory.EMPTY;
            }
            return;
        }
        if (commit.fingerprint.equals(fingerprint)) {
            return;
        }
        SortedMap<String, String> listing = new TreeMap<>();
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (Map.Entry<String, InventoryUpdate> e : state.immutableEntries()) {
            if (!e.getKey().equals(COMMIT)) {
                listing.put(e.getKey(), e.getValue().stamp);
                files.put(e.getKey(), e.getValue().gzipped);
            }
        }
        // Once per commit, not per file: forget the files no task holds any longer.
        SHARED.values().removeIf(r -> r.get() == null);
        LoadedInventory before = inventory;
        try {
            inventory = LoadedInventory.current(new Received(commit.path, files), listing);
            if (before != null && before != LoadedInventory.EMPTY) {
                reloads.inc();
            }
        } catch (RuntimeException e) {
            // The reader read it; a task that cannot (memory, a bug) keeps what it had and says so.
            failures.inc();
            if (inventory == null) {
                inventory = LoadedInventory.EMPTY;
            }
        }
        fingerprint = commit.fingerprint;
    }

    private static InventoryUpdate shared(InventoryUpdate u) {
        String key = u.path + '\0' + u.stamp;
        WeakReference<InventoryUpdate> ref = SHARED.get(key);
        InventoryUpdate known = ref == null ? null : ref.get();
        if (known != null) {
            return known;
        }
        SHARED.put(key, new WeakReference<>(u));
        return u;
    }

    /** The received files as a store: the same root name and listing as the reader's, so the same inventory. */
    private record Received(String root, Map<String, byte[]> gzipped) implements InventoryStore {
        @Override
        public SortedMap<String, String> list() {
            throw new UnsupportedOperationException("the listing comes with the files");
        }

        @Override
        public byte[] read(String path) throws IOException {
            byte[] z = gzipped.get(path);
            if (z == null) {
                return null;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(z))) {
                return in.readAllBytes();
            }
        }

        @Override
        public String name(String path) {
            return path.isEmpty() ? root : root + "/" + path;
        }
    }
}
