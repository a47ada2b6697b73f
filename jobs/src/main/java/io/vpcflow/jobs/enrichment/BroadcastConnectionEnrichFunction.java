package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.inventory.InventoryReceiver;
import io.vpcflow.jobs.inventory.InventoryUpdate;
import io.vpcflow.jobs.types.FlowRowType;
import io.vpcflow.verdict.Initiator;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ConnectionEnrichFunction} with the inventory broadcast by the inventory reader. Its broadcast input can lag
 * the records {@link BroadcastEnrichFunction} released with a newer inventory (the two inputs are not ordered): such a
 * record waits, in its connection's state, for that version, looked at again every few milliseconds.
 */
public final class BroadcastConnectionEnrichFunction
        extends KeyedBroadcastProcessFunction<String, FlowRow, InventoryUpdate, FlowRow[]> {
    private static final long serialVersionUID = 1L;
    private static final long RETRY_MILLIS = 10;

    private final long initiatorTtlSeconds;
    private final Enricher enricher = new Enricher();
    private final InventoryReceiver receiver = new InventoryReceiver();
    private transient ValueState<Byte> initiator;
    private transient ListState<FlowRow> waiting;
    private transient ValueState<Boolean> hasWaiting;

    public BroadcastConnectionEnrichFunction(long initiatorTtlSeconds) {
        this.initiatorTtlSeconds = initiatorTtlSeconds;
    }

    @Override
    public void open(OpenContext context) {
        initiator = getRuntimeContext().getState(ConnectionEnrichFunction.initiatorState(initiatorTtlSeconds));
        waiting = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("waiting-for-inventory", FlowRowType.INSTANCE));
        hasWaiting = getRuntimeContext().getState(new ValueStateDescriptor<>("has-waiting", Boolean.class));
        enricher.open(getRuntimeContext());
        receiver.open(getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        enricher.close();
        super.close();
    }

    @Override
    public void processElement(FlowRow row, ReadOnlyContext ctx, Collector<FlowRow[]> out) throws Exception {
        receiver.restore(ctx.getBroadcastState(InventoryReceiver.FILES));
        if (hasWaiting.value() != null || !ready(row)) {
            waiting.add(row);
            if (hasWaiting.value() == null) {
                hasWaiting.update(true);
                ctx.timerService()
                        .registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + RETRY_MILLIS);
            }
            return;
        }
        out.collect(new FlowRow[] {enrich(row)});
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowRow[]> out) throws Exception {
        receiver.restore(ctx.getBroadcastState(InventoryReceiver.FILES));
        List<FlowRow> rows = new ArrayList<>();
        waiting.get().forEach(rows::add);
        int done = 0;
        while (done < rows.size() && ready(rows.get(done))) {
            out.collect(new FlowRow[] {enrich(rows.get(done))});
            done++;
        }
        if (done == rows.size()) {
            waiting.clear();
            hasWaiting.clear();
        } else {
            waiting.update(rows.subList(done, rows.size()));
            ctx.timerService().registerProcessingTimeTimer(timestamp + RETRY_MILLIS);
        }
    }

    @Override
    public void processBroadcastElement(InventoryUpdate u, Context ctx, Collector<FlowRow[]> out) throws Exception {
        receiver.receive(u, ctx.getBroadcastState(InventoryReceiver.FILES));
    }

    private boolean ready(FlowRow row) {
        return receiver.inventory() != null && receiver.version() >= row.inventoryVersion;
    }

    private FlowRow enrich(FlowRow row) throws Exception {
        Byte stored = initiator.value();
        Initiator known = stored == null ? Initiator.UNKNOWN : stored == 1 ? Initiator.LOCAL : Initiator.REMOTE;
        enricher.use(receiver.inventory());
        Initiator learnt = enricher.enrich(row, known);
        if (learnt != Initiator.UNKNOWN) {
            initiator.update(learnt == Initiator.LOCAL ? (byte) 1 : (byte) 2);
        }
        return row;
    }
}
