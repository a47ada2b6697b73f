package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.inventory.InventoryReceiver;
import io.vpcflow.jobs.inventory.InventoryUpdate;
import io.vpcflow.verdict.Initiator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link EnrichFunction} with the inventory broadcast by {@link InventoryWatcher}. Records wait (checkpointed) until
 * the first inventory has arrived; with {@code inventory.hold-seconds}, a record newer than every estate's newest
 * snapshot also waits, at most that long, for a snapshot of its own time: a snapshot that arrives after records of
 * its period then still attributes them. Records that need connection state leave for the keyed operator carrying the
 * inventory version they must be attributed with at least.
 */
public final class BroadcastEnrichFunction extends BroadcastProcessFunction<FlowRow[], InventoryUpdate, FlowRow[]>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final long holdMillis;
    private final InventoryReceiver receiver = new InventoryReceiver();
    private final Enricher enricher = new Enricher();
    private transient ArrayDeque<HeldRow> held;
    private transient ListState<HeldRow> heldState;
    private transient Counter heldCount;

    /** @param holdSeconds how long a record may wait for a snapshot of its own time; 0: never */
    public BroadcastEnrichFunction(long holdSeconds) {
        this.holdMillis = holdSeconds * 1000;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        heldState =
                context.getOperatorStateStore().getListState(new ListStateDescriptor<>("held-rows", HeldRow.type()));
        held = new ArrayDeque<>();
        heldState.get().forEach(held::add);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        heldState.update(new ArrayList<>(held));
    }

    @Override
    public void open(OpenContext context) {
        enricher.open(getRuntimeContext());
        receiver.open(getRuntimeContext());
        heldCount = Counters.counter(getRuntimeContext(), Counters.INVENTORY_HELD);
    }

    @Override
    public void close() throws Exception {
        enricher.close();
        super.close();
    }

    @Override
    public void processElement(FlowRow[] rows, ReadOnlyContext ctx, Collector<FlowRow[]> out) throws Exception {
        receiver.restore(ctx.getBroadcastState(InventoryReceiver.FILES));
        long now = ctx.currentProcessingTime();
        Consumer<FlowRow> toConnections = r -> ctx.output(EnrichFunction.NEEDS_CONNECTION_STATE, r);
        if (!held.isEmpty()) {
            release(now, toConnections, out);
        }
        int kept = 0;
        for (FlowRow row : rows) {
            if (!held.isEmpty() || waits(row, now, now)) {
                // Behind a waiting record, so that one connection's records keep their order.
                HeldRow h = new HeldRow();
                h.row = row;
                h.since = now;
                held.add(h);
                heldCount.inc();
            } else if (route(row, toConnections)) {
                rows[kept++] = row;
            }
        }
        if (kept > 0) {
            out.collect(kept == rows.length ? rows : Arrays.copyOf(rows, kept));
        }
    }

    @Override
    public void processBroadcastElement(InventoryUpdate u, Context ctx, Collector<FlowRow[]> out) throws Exception {
        if (receiver.receive(u, ctx.getBroadcastState(InventoryReceiver.FILES)) && !held.isEmpty()) {
            release(ctx.currentProcessingTime(), r -> ctx.output(EnrichFunction.NEEDS_CONNECTION_STATE, r), out);
        }
    }

    /** Whether a record must wait: no inventory yet, or one that may still get a snapshot of the record's time. */
    private boolean waits(FlowRow row, long since, long now) {
        if (receiver.inventory() == null) {
            return true;
        }
        return holdMillis > 0 && row.ownershipTime() >= receiver.knownUntil() && now - since < holdMillis;
    }

    /** Attributes, in order, the waiting records that need wait no longer. */
    private void release(long now, Consumer<FlowRow> toConnections, Collector<FlowRow[]> out) {
        List<FlowRow> ready = new ArrayList<>();
        for (Iterator<HeldRow> it = held.iterator(); it.hasNext(); ) {
            HeldRow h = it.next();
            if (waits(h.row, h.since, now)) {
                break;
            }
            it.remove();
            if (route(h.row, toConnections)) {
                ready.add(h.row);
            }
        }
        if (!ready.isEmpty()) {
            out.collect(ready.toArray(FlowRow[]::new));
        }
    }

    /** Enriches a record here (true), or sends it to the keyed operator. */
    private boolean route(FlowRow row, Consumer<FlowRow> toConnections) {
        if (RowEnricher.needsConnectionState(row)) {
            row.inventoryVersion = receiver.version();
            toConnections.accept(row);
            return false;
        }
        enricher.use(receiver.inventory());
        enricher.enrich(row, Initiator.UNKNOWN);
        return true;
    }
}
