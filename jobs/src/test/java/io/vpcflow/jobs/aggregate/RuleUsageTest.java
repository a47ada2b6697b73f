package io.vpcflow.jobs.aggregate;

import static io.vpcflow.jobs.aggregate.VerdictStatsAggregatorTest.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.net.IpAddress;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.RuleUsageRow;
import io.vpcflow.verdict.Direction;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** {@code rule_usage}: partials per rule before the shuffle, and distinct peers that stay exact when partials meet. */
class RuleUsageTest {
    private static final long W = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    @Test
    void theCombinerSumsPerRuleAndWindowAndSkipsRecordsNoRuleMatched() throws Exception {
        try (OneInputStreamOperatorTestHarness<FlowRow[], RuleUsagePartial> h =
                new OneInputStreamOperatorTestHarness<>(new RuleUsageCombiner(300))) {
            h.open();
            h.processElement(new FlowRow[] {matched(W + 10, "sgr-1", "198.51.100.1", 2, 20)}, (W + 10) * 1000);
            h.processElement(new FlowRow[] {matched(W + 20, "sgr-1", "198.51.100.1", 3, 30)}, (W + 20) * 1000);
            h.processElement(new FlowRow[] {matched(W + 30, "sgr-1", "198.51.100.2", 1, 10)}, (W + 30) * 1000);
            h.processElement(new FlowRow[] {matched(W + 40, "sgr-2", null, 1, 1)}, (W + 40) * 1000);
            h.processElement(new FlowRow[] {matched(W + 400, "sgr-1", "198.51.100.1", 1, 1)}, (W + 400) * 1000);
            h.processElement(new FlowRow[] {flow(W + 50, 9, 90)}, (W + 50) * 1000); // no rule matched
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues())
                    .extracting(p -> p.sgRuleId + "@" + (p.windowStart - W) + " " + p.flows + "/" + p.packets + "/"
                            + p.bytes + " "
                            + Stream.of(p.peers)
                                    .map(IpAddress::toString)
                                    .sorted()
                                    .toList())
                    .containsExactlyInAnyOrder(
                            "sgr-1@0 3/6/60 [198.51.100.1, 198.51.100.2]",
                            "sgr-2@0 1/1/1 []",
                            "sgr-1@300 1/1/1 [198.51.100.1]");
            assertThat(h.extractOutputStreamRecords())
                    .allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(r.getValue().windowStart * 1000));
        }
    }

    @Test
    void distinctPeersCountEachAddressOnceAcrossPartials() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleUsagePartial, RuleUsageRow> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new RuleUsageAggregator(300, 600), RuleUsageAggregator::key, Types.STRING)) {
            h.processElement(partial(2, "198.51.100.1", "198.51.100.2"), (W + 10) * 1000);
            h.processElement(partial(3, "198.51.100.2", "198.51.100.3"), (W + 10) * 1000);
            h.processWatermark((W + 900) * 1000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(u -> {
                assertThat(u.flows).isEqualTo(5);
                assertThat(u.packets).isEqualTo(50);
                assertThat(u.distinctPeers).isEqualTo(3);
                assertThat(u.windowEnd).isEqualTo(W + 300);
                assertThat(u.late).isFalse();
            });
            // A late partial for the closed window is a correction row with its own peers.
            h.processElement(partial(1, "198.51.100.1"), (W + 10) * 1000);
            assertThat(h.extractOutputValues().get(1)).satisfies(u -> {
                assertThat(u.late).isTrue();
                assertThat(u.distinctPeers).isEqualTo(1);
            });
        }
    }

    private static FlowRow matched(long end, String rule, String peer, long packets, long bytes) {
        FlowRow r = flow(end, packets, bytes);
        r.sgId = "sg-1";
        r.sgRuleId = rule;
        r.direction = Direction.INGRESS;
        r.peerAddr = peer == null ? null : IpAddress.parse(peer);
        return r;
    }

    private static RuleUsagePartial partial(long flows, String... peers) {
        RuleUsagePartial p = new RuleUsagePartial();
        p.windowStart = W;
        p.sgId = "sg-1";
        p.sgRuleId = "sgr-1";
        p.direction = Direction.INGRESS;
        p.flows = flows;
        p.packets = flows * 10;
        p.bytes = flows * 100;
        p.peers = Stream.of(peers).map(IpAddress::parse).toArray(IpAddress[]::new);
        return p;
    }
}
