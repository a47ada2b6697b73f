package io.vpcflow.jobs.aggregate;

import static io.vpcflow.jobs.aggregate.VerdictStatsAggregatorTest.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.stats.VerdictStatsRow;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The combiner sums before the shuffle and flushes before watermarks, checkpoints and the end of input. */
class VerdictStatsCombinerTest {
    private static final long W = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    @Test
    void sumsRecordsOfAKeyAndFlushesAWindowBeforeTheWatermarkThatReachesItsEnd() throws Exception {
        VerdictStatsCombiner combiner = new VerdictStatsCombiner(300);
        try (OneInputStreamOperatorTestHarness<FlowRow[], VerdictStatsRow> h =
                new OneInputStreamOperatorTestHarness<>(combiner)) {
            h.open();
            h.processElement(new FlowRow[] {flow(W + 10, 2, 20), flow(W + 400, 1, 1)}, (W + 400) * 1000);
            h.processElement(new FlowRow[] {flow(W + 20, 3, 30)}, (W + 20) * 1000);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(combiner.pending()).as("every record of a batch summed").isEqualTo(2);

            // A watermark inside the first window flushes nothing: its partial would only be sent again later.
            h.processWatermark(new Watermark((W + 30) * 1000));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(new FlowRow[] {flow(W + 40, 1, 5)}, (W + 40) * 1000);

            // The watermark reaching the first window's last millisecond sends that window's partial before it.
            h.processWatermark(new Watermark((W + 300) * 1000 - 1));
            List<Object> out = List.copyOf(h.getOutput());
            assertThat(out).hasSize(3);
            assertThat(out.get(0)).isEqualTo(new Watermark((W + 30) * 1000));
            assertThat(out.get(1)).isInstanceOf(StreamRecord.class);
            assertThat(out.get(2)).isInstanceOf(Watermark.class);
            assertThat(h.extractOutputValues())
                    .extracting(p -> p.flows + "/" + p.packets + "/" + p.bytes)
                    .containsExactly("3/6/55");
            assertThat(h.extractOutputStreamRecords())
                    .allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(r.getValue().windowStart * 1000));
            assertThat(combiner.pending()).as("the next window waits").isEqualTo(1);

            combiner.endInput();
            assertThat(h.extractOutputValues())
                    .extracting(p -> p.flows + "/" + p.packets + "/" + p.bytes)
                    .containsExactly("3/6/55", "1/1/1");
            assertThat(combiner.pending()).isZero();
        }
    }

    @Test
    void flushesBeforeACheckpointSoItKeepsNoState() throws Exception {
        VerdictStatsCombiner combiner = new VerdictStatsCombiner(300);
        try (OneInputStreamOperatorTestHarness<FlowRow[], VerdictStatsRow> h =
                new OneInputStreamOperatorTestHarness<>(combiner)) {
            h.open();
            h.processElement(new FlowRow[] {flow(W + 10, 2, 20)}, (W + 10) * 1000);
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(combiner.pending()).isZero();
            h.processElement(new FlowRow[] {flow(W + 11, 1, 10)}, (W + 11) * 1000);
            combiner.endInput();
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void sendsEverythingEarlyRatherThanHoldMoreThanItsLimit() throws Exception {
        VerdictStatsCombiner combiner = new VerdictStatsCombiner(300, 2);
        try (OneInputStreamOperatorTestHarness<FlowRow[], VerdictStatsRow> h =
                new OneInputStreamOperatorTestHarness<>(combiner)) {
            h.open();
            h.processElement(new FlowRow[] {flow(W + 10, 1, 1)}, (W + 10) * 1000);
            h.processElement(new FlowRow[] {flow(W + 310, 1, 1)}, (W + 310) * 1000);
            h.processElement(
                    new FlowRow[] {flow(W + 20, 1, 1)}, (W + 20) * 1000); // same key as the first: still two pending
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(new FlowRow[] {flow(W + 610, 1, 1)}, (W + 610) * 1000);
            assertThat(h.extractOutputValues())
                    .extracting(p -> (p.windowStart - W) + ":" + p.flows)
                    .containsExactly("0:2", "300:1", "600:1");
            assertThat(combiner.pending()).isZero();
        }
    }
}
