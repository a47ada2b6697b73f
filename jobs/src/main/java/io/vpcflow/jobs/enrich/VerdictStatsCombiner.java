package io.vpcflow.jobs.enrich;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums records into partial {@code verdict_stats} rows before the shuffle, so that only partials, not
 * records, cross the network (shuffling every record into keyed state costs more than all the rest).
 *
 * <p>Holds no state: partials are flushed before every watermark goes on (so none is late relative to
 * it), before every checkpoint barrier, and at the end of input. Each partial is stamped inside its own
 * window.
 */
public final class VerdictStatsCombiner extends AbstractStreamOperator<VerdictStatsRow>
        implements OneInputStreamOperator<FlowRow, VerdictStatsRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final long windowSeconds;
    private transient Map<String, VerdictStatsRow> partials;

    public VerdictStatsCombiner(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    @Override
    public void open() throws Exception {
        super.open();
        partials = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<FlowRow> element) {
        VerdictStatsRow one = VerdictStatsAggregator.of(element.getValue(), windowSeconds);
        partials.merge(VerdictStatsAggregator.key(one), one, (a, b) -> {
            a.flows += b.flows;
            a.packets += b.packets;
            a.bytes += b.bytes;
            return a;
        });
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (partials.isEmpty()) {
            return;
        }
        StreamRecord<VerdictStatsRow> reuse = new StreamRecord<>(null);
        for (VerdictStatsRow p : partials.values()) {
            output.collect(reuse.replace(p, p.windowStart * 1000));
        }
        partials.clear();
    }

    /** How many keys wait to be flushed; for tests. */
    int pending() {
        return partials.size();
    }
}
