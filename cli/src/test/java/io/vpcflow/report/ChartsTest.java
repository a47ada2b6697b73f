package io.vpcflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The drawing code's arithmetic and markup, without a browser: scales, ticks, units, top-N and escaping. */
class ChartsTest {
    private static final long NOON = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    @Test
    void aLinearScaleEndsOnARoundNumberWithTicksOfOneTwoOrFive() {
        Scale s = Scale.linear(2379, 5, 0, 100);
        assertThat(s.ticks()).containsExactly(0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0);
        assertThat(s.at(2500)).isEqualTo(100.0);
        assertThat(Scale.niceStep(0.3)).isEqualTo(0.5);
        assertThat(Scale.niceStep(7)).isEqualTo(10.0);
        assertThat(Scale.linear(0, 5, 0, 100).ticks()).contains(0.0, 1.0);
    }

    @Test
    void aLogScaleSpansWholeDecadesAndPutsZeroOnTheFloor() {
        Scale s = Scale.log(1_387, 4_500_000_000.0, 300, 0);
        assertThat(s.ticks()).containsExactly(1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10);
        assertThat(s.at(0)).isEqualTo(300.0);
        assertThat(s.at(1e3)).isEqualTo(300.0);
        assertThat(s.at(1e10)).isEqualTo(0.0);
        // Each decade the same height: 4.5 GB is well above 1 MB, but 1 MB is not squashed to the floor.
        assertThat(s.at(1e6)).isCloseTo(300 - 3 * 300 / 7.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Scale.log(5, 5, 0, 1).ticks()).containsExactly(1.0, 10.0);
    }

    @Test
    void timeTicksFallOnRoundUtcBoundariesAndSayTheDayOnlyWhenTheyCrossOne() {
        List<Long> ticks = TimeAxis.ticks(NOON, NOON + 3 * 3600, 8);
        assertThat(ticks).hasSize(7).startsWith(NOON).endsWith(NOON + 3 * 3600);
        assertThat(TimeAxis.label(NOON + 1800, NOON, NOON + 3 * 3600, 1800)).isEqualTo("12:30");
        assertThat(TimeAxis.title(NOON, NOON + 3 * 3600)).isEqualTo("time, UTC, 2026-11-26");
        long late = NOON + 11 * 3600;
        assertThat(TimeAxis.label(late, late, late + 7200, 3600)).isEqualTo("11-26 23:00");
        assertThat(TimeAxis.ticks(NOON + 7, NOON + 20 * 86_400, 8)).allMatch(t -> t % (7 * 86_400) == 0);
        assertThat(TimeAxis.label(NOON - 12 * 3600, NOON, NOON + 20 * 86_400, 86_400))
                .isEqualTo("2026-11-26");
    }

    @Test
    void numbersAreWrittenOneWayPerKind() {
        assertThat(Units.count(4_500_049_169L)).isEqualTo("4,500,049,169");
        assertThat(Units.count(2379.0)).isEqualTo("2,379");
        assertThat(Units.bytes(4_500_000_000.0)).isEqualTo("4.5 GB");
        assertThat(Units.bytes(1e10)).isEqualTo("10 GB");
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(1_472_239)).isEqualTo("1.47 MB");
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.shortCount(2500)).isEqualTo("2.5k");
        assertThat(Units.shortCount(80)).isEqualTo("80");
    }

    @Test
    void barsKeepTheTopAndSumTheRestAndGoLogarithmicOverAThousandfoldSpread() {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            bars.add(new BarChart.Bar("owner " + i, i, "v-plain"));
        }
        String svg = BarChart.draw("t", bars, 15, Units::shortCount, Units::count, "flows");
        assertThat(count(svg, "class=\"bar\"")).isEqualTo(16);
        // The five smallest, 1 to 5, are one bar of 15.
        assertThat(svg)
                .contains("5 others")
                .contains("<title>5 others: 15</title>")
                .doesNotContain("log scale");
        bars.add(new BarChart.Bar("the <b>big</b> one", 4_500_000, "v-plain"));
        String log = BarChart.draw("t", bars, 15, Units::shortCount, Units::count, "flows");
        assertThat(log)
                .contains("flows (log scale)")
                .contains("the &lt;b&gt;big&lt;/b&gt; one")
                .doesNotContain("<b>");
    }

    @Test
    void theGraphKeepsTheLargestOwnersAndFoldsTheRestIntoOthers() {
        List<TalkGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            edges.add(new TalkGraph.Edge("ec2 i-" + i, "ec2_instance", "internet", "internet", 1000 + i, 1, 0));
        }
        edges.add(new TalkGraph.Edge("ec2 i-0", "ec2_instance", "ec2 i-1", "ec2_instance", 50, 2, 2));
        edges.add(new TalkGraph.Edge("ec2 i-1", "ec2_instance", "<script>", "unknown", 60, 1, 0));
        String svg = TalkGraph.draw("t", edges, 10);
        // Ten owners and one "others" node; the thirty-odd edges become those among them.
        assertThat(count(svg, "<circle")).isEqualTo(11);
        assertThat(svg).contains(">others<").contains("ec2 i-0 \u2194 ec2 i-1: 50 B, 2 flows, 2 unexpected");
        assertThat(count(svg, "<path class=\"edge unexpected\"")).isEqualTo(1);
        assertThat(svg).doesNotContain("<script>");
    }

    @Test
    void heatStripsShadeTheWindowsARuleCarriedAndLinkItsMark() {
        SortedMap<Long, Long> used = new TreeMap<>(Map.of(NOON, 1L, NOON + 300, 28L));
        String svg = HeatStrips.draw(
                "t",
                List.of(
                        new HeatStrips.Strip("sg-1 (web)", "sgr-1 in tcp 443 0.0.0.0/0", used, null, null),
                        new HeatStrips.Strip(
                                "sg-1 (web)",
                                "sgr-2 in tcp 80 0.0.0.0/0",
                                new TreeMap<>(),
                                "no traffic",
                                "suggest.html#s0")),
                NOON,
                NOON + 3600,
                300);
        assertThat(count(svg, "class=\"cell s")).isEqualTo(2);
        assertThat(svg).contains("class=\"cell s10\"").contains("<a href=\"suggest.html#s0\">");
        assertThat(count(svg, "class=\"group-label\"")).isEqualTo(1);
    }

    @Test
    void aTimeChartDrawsEveryWindowOfTheSpanSoAGapFallsToTheFloor() {
        Map<String, SortedMap<Long, Double>> series = new LinkedHashMap<>();
        series.put("allowed", new TreeMap<>(Map.of(NOON, 10.0, NOON + 900, 30.0)));
        String svg = TimeChart.draw("t", series, 300, false, Units::shortCount, "flows");
        String d = svg.substring(svg.indexOf(" d=\"") + 4, svg.indexOf('"', svg.indexOf(" d=\"") + 4));
        assertThat(d.split("L")).hasSize(4);
        assertThat(svg).contains("class=\"series v-allowed\"");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
