package io.vpcflow.jobs.inventory;

import io.vpcflow.enrich.EniRow;
import io.vpcflow.enrich.InventoryTables;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.SgRuleRow;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one reader of the inventory root (parallelism 1): every refresh period it lists the root, and when the listing changed
 * it reads and compiles the inventory once (a broken or half-written one is counted and the last good one kept), then
 * broadcasts the files that changed and a commit. What it has broadcast is checkpointed, as the receivers' broadcast
 * state is, so a restored job sends only what changed since. With {@code inventory.fetch} it first takes the snapshots
 * itself when they are due. The {@code enis} and {@code sg_rules} rows of each new snapshot go out on side outputs.
 */
public final class InventoryWatcher extends ProcessFunction<Long, InventoryUpdate> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<EniRow> ENIS = new OutputTag<>("inventory-enis") {
        private static final long serialVersionUID = 1L;
    };
    public static final OutputTag<SgRuleRow> SG_RULES = new OutputTag<>("inventory-sg-rules") {
        private static final long serialVersionUID = 1L;
    };

    private final JobConfig.Inventory settings;
    private final long refreshMillis;
    private final boolean enis;
    private final boolean sgRules;

    private transient InventoryStore store;
    private transient InventoryFetchRun fetch;
    private transient Map<String, String> sent;
    private transient Set<Long> tabled;
    private transient long version;
    private transient String fingerprint;
    private transient long knownUntil;
    /** Epoch ms of the newest snapshot in the root, or 0. */
    private transient long newest;

    private transient long nextLookMillis;
    private transient ListState<String> sentState;
    private transient ListState<Long> tabledState;
    private transient ListState<String> commitState;
    private transient Counter reloads;
    private transient Counter failures;

    /** @param refreshSeconds how often to list the root (at the first tick, then at the first after each period) */
    public InventoryWatcher(JobConfig.Inventory settings, long refreshSeconds, boolean enis, boolean sgRules) {
        this.settings = settings;
        this.refreshMillis = refreshSeconds * 1000;
        this.enis = enis;
        this.sgRules = sgRules;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        var states = context.getOperatorStateStore();
        sentState = states.getListState(new ListStateDescriptor<>("inventory-sent", String.class));
        tabledState = states.getListState(new ListStateDescriptor<>("inventory-tabled", Long.class));
        commitState = states.getListState(new ListStateDescriptor<>("inventory-commit", String.class));
        sent = new HashMap<>();
        tabled = new HashSet<>();
        for (String s : sentState.get()) {
            int cut = s.indexOf('\0');
            sent.put(s.substring(0, cut), s.substring(cut + 1));
        }
        tabledState.get().forEach(tabled::add);
        for (String c : commitState.get()) {
            String[] parts = c.split("\0", 3);
            version = Long.parseLong(parts[0]);
            knownUntil = Long.parseLong(parts[1]);
            fingerprint = parts[2];
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<String> s = new ArrayList<>(sent.size());
        sent.forEach((path, stamp) -> s.add(path + '\0' + stamp));
        sentState.update(s);
        tabledState.update(new ArrayList<>(tabled));
        commitState.update(fingerprint == null ? List.of() : List.of(version + "\0" + knownUntil + "\0" + fingerprint));
    }

    @Override
    public void open(OpenContext context) {
        store = InventoryStores.open(settings);
        fetch = settings.fetch == null ? null : new InventoryFetchRun(settings, store);
        reloads = Counters.counter(getRuntimeContext(), Counters.INVENTORY_RELOADS);
        failures = Counters.counter(getRuntimeContext(), Counters.INVENTORY_RELOAD_FAILURES);
    }

    @Override
    public void processElement(Long tick, Context ctx, Collector<InventoryUpdate> out) {
        long now = ctx.timerService().currentProcessingTime();
        if (now >= nextLookMillis) {
            nextLookMillis = now + refreshMillis;
            look(ctx, out);
        }
        out.collect(InventoryUpdate.commit(store.name(""), version, fingerprint, knownUntil));
        if (fetch != null) {
            // Due by the newest snapshot in the root, so that a restarted job does not fetch again at once.
            fetch.ifDue(now, newest, getRuntimeContext());
        }
    }

    /** Lists the root, and broadcasts what changed when the listing did and the new inventory reads. */
    private void look(Context ctx, Collector<InventoryUpdate> out) {
        SortedMap<String, String> listing;
        LoadedInventory loaded;
        try {
            listing = InventoryFiles.visible(store.list());
            String now = InventoryFiles.fingerprint(listing);
            if (now.equals(fingerprint)) {
                return;
            }
            loaded = LoadedInventory.current(store, listing);
        } catch (RuntimeException e) {
            // A root that cannot be listed or read now, a snapshot half written or malformed: keep the last good one.
            failures.inc();
            return;
        }
        List<InventoryUpdate> puts = new ArrayList<>();
        try {
            for (Map.Entry<String, String> f : listing.entrySet()) {
                if (!f.getValue().equals(sent.get(f.getKey()))) {
                    byte[] bytes = store.read(f.getKey());
                    if (bytes == null) {
                        failures.inc(); // gone since it was listed: the next look sees what replaced it
                        return;
                    }
                    puts.add(InventoryUpdate.put(f.getKey(), f.getValue(), gzip(bytes)));
                }
            }
        } catch (IOException | InventoryException e) {
            failures.inc();
            return;
        }
        puts.forEach(out::collect);
        puts.forEach(p -> sent.put(p.path, p.stamp));
        for (String gone : new ArrayList<>(sent.keySet())) {
            if (!listing.containsKey(gone)) {
                out.collect(InventoryUpdate.remove(gone));
                sent.remove(gone);
            }
        }
        if (fingerprint != null) {
            reloads.inc();
        }
        version++;
        fingerprint = InventoryFiles.fingerprint(listing);
        knownUntil = knownUntil(loaded.estates());
        newest = loaded.estates().stream()
                .flatMap(e -> e.usable().stream())
                .filter(x -> x.takenAt() != null)
                .mapToLong(x -> x.takenAt().toEpochMilli())
                .max()
                .orElse(0);
        emitTables(loaded, ctx);
    }

    /** The oldest of the estates' newest snapshot times: records after it may still get a snapshot of their time. */
    static long knownUntil(List<Estate> estates) {
        long until = Long.MAX_VALUE;
        for (Estate e : estates) {
            List<InventorySnapshot> usable = e.usable();
            if (!usable.isEmpty() && usable.get(usable.size() - 1).takenAt() != null) {
                until = Math.min(until, usable.get(usable.size() - 1).takenAt().getEpochSecond());
            }
        }
        return until;
    }

    private void emitTables(LoadedInventory loaded, Context ctx) {
        long now = ctx.timerService().currentProcessingTime() / 1000;
        for (InventorySnapshot s : loaded.timeline().snapshots()) {
            long time = s.takenAt() == null ? Long.MIN_VALUE : s.takenAt().getEpochSecond();
            if (!tabled.add(time)) {
                continue;
            }
            if (enis) {
                InventoryTables.enis(List.of(s), now).forEach(r -> ctx.output(ENIS, r));
            }
            if (sgRules) {
                InventoryTables.sgRules(List.of(s), now).forEach(r -> ctx.output(SG_RULES, r));
            }
        }
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, b.length / 8));
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        if (fetch != null) {
            fetch.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
