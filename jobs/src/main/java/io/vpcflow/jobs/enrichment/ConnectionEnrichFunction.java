package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.ConnectionInitiators;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.verdict.Initiator;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Enriches the records that can teach or use a connection's initiator: TCP windows that carry tcp-flags.
 * Keyed by connection ({@link #connectionKey}): the initiator learnt from a window with a SYN is kept in
 * state, with a time-to-live, so the later windows of a long connection (no SYN, often ports that mislead)
 * are judged in the right direction instead of looking unexpected. Every other record is enriched by
 * {@link EnrichFunction} without a shuffle. Records arrive one by one (keyed) and leave as batches of one,
 * the element type of the enriched streams.
 */
public final class ConnectionEnrichFunction extends KeyedProcessFunction<String, FlowRow, FlowRow[]> {
    private static final long serialVersionUID = 1L;
    private static final byte LOCAL = 1;
    private static final byte REMOTE = 2;

    private final Enricher enricher;
    private final long initiatorTtlSeconds;
    private transient ValueState<Byte> initiator;

    /**
     * @param initiatorTtlSeconds how long a connection's initiator is remembered after it was last seen
     */
    public ConnectionEnrichFunction(String inventoryDir, long initiatorTtlSeconds) {
        this.enricher = new Enricher(inventoryDir);
        this.initiatorTtlSeconds = initiatorTtlSeconds;
    }

    /**
     * The connection a record belongs to on its interface: protocol and the two endpoints in a fixed
     * order, so both directions of a connection share one key.
     */
    public static String connectionKey(FlowRow r) {
        return ConnectionInitiators.key(r);
    }

    @Override
    public void open(OpenContext context) {
        initiator = getRuntimeContext().getState(initiatorState(initiatorTtlSeconds));
        enricher.open(getRuntimeContext());
    }

    /**
     * The state of a connection's initiator, forgotten {@code ttlSeconds} after it was last read or written. Expired
     * entries are swept as state is used, one entry per use rather than Flink's five: a record reads and may write
     * its connection's entry, so at most one new entry a record is met by at least one visited, and the sweep costs
     * a fifth of Flink's.
     */
    static ValueStateDescriptor<Byte> initiatorState(long ttlSeconds) {
        ValueStateDescriptor<Byte> d = new ValueStateDescriptor<>("initiator", Byte.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(ttlSeconds))
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .cleanupIncrementally(1, false)
                .build());
        return d;
    }

    @Override
    public void close() throws Exception {
        enricher.close();
        super.close();
    }

    @Override
    public void processElement(FlowRow row, Context ctx, Collector<FlowRow[]> out) throws Exception {
        Byte stored = initiator.value();
        Initiator known = stored == null ? Initiator.UNKNOWN : stored == LOCAL ? Initiator.LOCAL : Initiator.REMOTE;
        Initiator learnt = enricher.enrich(row, known);
        if (learnt != Initiator.UNKNOWN) {
            initiator.update(learnt == Initiator.LOCAL ? LOCAL : REMOTE);
        }
        out.collect(new FlowRow[] {row});
    }
}
