package io.vpcflow.jobs.enrich;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums flows, packets and bytes per tumbling window and dimensions, and writes each window once the
 * watermark has passed its end plus the allowed lateness (an event-time timer). Nothing is dropped: a
 * record for a window already written becomes a correction row ({@code late = true}) and is counted, so
 * the table's totals always equal the input's, whatever order files arrive in.
 */
public final class VerdictStatsAggregator extends KeyedProcessFunction<String, FlowRow, VerdictStatsRow> {
    private static final long serialVersionUID = 1L;

    private final long windowSeconds;
    private final long latenessSeconds;
    private transient ValueState<VerdictStatsRow> sums;
    private transient Counter late;

    public VerdictStatsAggregator(long windowSeconds, long latenessSeconds) {
        this.windowSeconds = windowSeconds;
        this.latenessSeconds = latenessSeconds;
    }

    /** The key: the record's window start and every dimension of the table. */
    public static String key(FlowRow r, long windowSeconds) {
        long windowStart = Math.floorDiv(r.eventTime(), windowSeconds) * windowSeconds;
        return windowStart + "|" + r.accountId + "|" + r.vpcId + "|" + r.interfaceId + "|" + r.eniOwnerKind + "|"
                + r.eniOwnerId + "|" + r.direction + "|" + r.action + "|" + r.verdict + "|" + r.verdictReason + "|"
                + r.sgId + "|" + r.sgRuleId;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<VerdictStatsRow> d = new ValueStateDescriptor<>("sums", VerdictStatsRow.class);
        // A window's state lives until its timer fires; the TTL only guards against a timer that never comes.
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(2)).build());
        sums = getRuntimeContext().getState(d);
        late = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(FlowRow r, Context ctx, Collector<VerdictStatsRow> out) throws Exception {
        long windowStart = Math.floorDiv(r.eventTime(), windowSeconds) * windowSeconds;
        long closesAtMillis = (windowStart + windowSeconds + latenessSeconds) * 1000 - 1;
        if (ctx.timerService().currentWatermark() >= closesAtMillis) {
            late.inc();
            VerdictStatsRow correction = newRow(r, windowStart);
            add(correction, r);
            correction.late = true;
            out.collect(correction);
            return;
        }
        VerdictStatsRow acc = sums.value();
        if (acc == null) {
            acc = newRow(r, windowStart);
            ctx.timerService().registerEventTimeTimer(closesAtMillis);
        }
        add(acc, r);
        sums.update(acc);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictStatsRow> out) throws Exception {
        VerdictStatsRow acc = sums.value();
        if (acc != null) {
            out.collect(acc);
            sums.clear();
        }
    }

    private VerdictStatsRow newRow(FlowRow r, long windowStart) {
        VerdictStatsRow s = new VerdictStatsRow();
        s.windowStart = windowStart;
        s.windowEnd = windowStart + windowSeconds;
        s.accountId = r.accountId;
        s.vpcId = r.vpcId;
        s.interfaceId = r.interfaceId;
        s.eniOwnerKind = r.eniOwnerKind;
        s.eniOwnerId = r.eniOwnerId;
        s.direction = r.direction;
        s.action = r.action;
        s.verdict = r.verdict;
        s.verdictReason = r.verdictReason;
        s.sgId = r.sgId;
        s.sgRuleId = r.sgRuleId;
        return s;
    }

    private static void add(VerdictStatsRow s, FlowRow r) {
        s.flows++;
        s.packets += Math.max(r.packets, 0);
        s.bytes += Math.max(r.bytes, 0);
    }
}
