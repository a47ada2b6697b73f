package io.vpcflow.jobs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.stats.VerdictStatsRow;
import io.vpcflow.stats.VerdictStatsSums;
import io.vpcflow.verdict.Verdict;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The stats aggregator's state and timers, and how it treats records that come after their window closed. */
class VerdictStatsAggregatorTest {
    private static final long W = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    @Test
    void sumsAWindowInStateAndWritesItWhenTheWatermarkPassesItsEndPlusLateness() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, VerdictStatsRow, VerdictStatsRow> h = harness()) {
            h.processElement(row(W + 10, 5, 100), (W + 10) * 1000);
            h.processElement(row(W + 200, 7, 300), (W + 200) * 1000);
            h.processElement(row(W + 310, 1, 1), (W + 310) * 1000); // the next window

            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark((W + 300 + 600) * 1000 - 2);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark((W + 300 + 600) * 1000 - 1);
            assertThat(h.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.windowStart).isEqualTo(W);
                assertThat(s.windowEnd).isEqualTo(W + 300);
                assertThat(s.flows).isEqualTo(2);
                assertThat(s.packets).isEqualTo(12);
                assertThat(s.bytes).isEqualTo(400);
                assertThat(s.late).isFalse();
            });
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void aRecordForAClosedWindowBecomesACorrectionRowNotALoss() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, VerdictStatsRow, VerdictStatsRow> h = harness()) {
            h.processWatermark((W + 5000) * 1000);
            h.processElement(row(W + 10, 3, 30), (W + 10) * 1000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.late).isTrue();
                assertThat(s.flows).isEqualTo(1);
                assertThat(s.packets).isEqualTo(3);
                assertThat(s.bytes).isEqualTo(30);
            });
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void absentCountsAddNothing() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, VerdictStatsRow, VerdictStatsRow> h = harness()) {
            FlowRow nodata = flow(W + 10, -1, -1);
            nodata.logStatus = LogStatus.NODATA;
            h.processElement(VerdictStatsSums.rowOf(nodata, 300), (W + 10) * 1000);
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.flows).isEqualTo(1);
                assertThat(s.packets).isZero();
                assertThat(s.bytes).isZero();
            });
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VerdictStatsRow, VerdictStatsRow> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new VerdictStatsAggregator(300, 600), VerdictStatsAggregator::key, Types.STRING);
    }

    private static VerdictStatsRow row(long end, long packets, long bytes) {
        return VerdictStatsSums.rowOf(flow(end, packets, bytes), 300);
    }

    static FlowRow flow(long end, long packets, long bytes) {
        FlowRow r = new FlowRow();
        r.accountId = "123456789012";
        r.interfaceId = "eni-1";
        r.start = end - 60;
        r.end = end;
        r.packets = packets;
        r.bytes = bytes;
        r.action = Action.ACCEPT;
        r.verdict = Verdict.ALLOWED;
        return r;
    }
}
