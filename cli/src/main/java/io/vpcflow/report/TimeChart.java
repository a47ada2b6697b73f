package io.vpcflow.report;

import java.util.Map;
import java.util.SortedMap;
import java.util.function.DoubleFunction;

/**
 * A line per series over time, with a time axis, a value axis (logarithmic when asked, so an outlier does not
 * flatten the rest), units, and a legend. Series are verdicts and take the verdict colours.
 */
final class TimeChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 16;
    private static final int BOTTOM = 52;

    private TimeChart() {}

    /**
     * @param series    series name to (window start → value); windows with no value are zero
     * @param window    the width of a window in seconds
     * @param log       a logarithmic value axis
     * @param unit      how an axis tick and a tooltip write a value
     * @param valueName what the value axis measures, with its unit ("bytes per 5-minute window")
     */
    static String draw(
            String label,
            Map<String, SortedMap<Long, Double>> series,
            long window,
            boolean log,
            DoubleFunction<String> unit,
            String valueName) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        double max = 0;
        double min = Double.MAX_VALUE;
        for (SortedMap<Long, Double> s : series.values()) {
            if (s.isEmpty()) {
                continue;
            }
            from = Math.min(from, s.firstKey());
            to = Math.max(to, s.lastKey() + window);
            for (double v : s.values()) {
                max = Math.max(max, v);
                if (v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        Svg svg = new Svg("chart time", WIDTH, HEIGHT, label);
        if (from == Long.MAX_VALUE) {
            svg.text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "empty", "no traffic in this period");
            return svg.done();
        }
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double yBottom = HEIGHT - BOTTOM;
        Scale y = log ? Scale.log(min, max, yBottom, TOP) : Scale.linear(max, 5, yBottom, TOP);
        long f = from;
        double span = Math.max(1, to - from);
        java.util.function.LongToDoubleFunction x = t -> x0 + (t - f) / span * (x1 - x0);

        svg.open("g", "axis y");
        for (double tick : y.ticks()) {
            double py = y.at(tick);
            svg.line(x0, py, x1, py, "grid");
            svg.text(x0 - 6, py + 4, "end", "tick", unit.apply(tick));
        }
        svg.verticalText(16, (TOP + yBottom) / 2, "axis-title", valueName + (log ? " (log scale)" : ""));
        svg.close("g");

        TimeAxis.draw(svg, from, to, window, x, x0, x1, yBottom, HEIGHT - 8, "");

        int shown = 0;
        for (Map.Entry<String, SortedMap<Long, Double>> e : series.entrySet()) {
            String cls = Palette.verdictClass(e.getKey());
            StringBuilder d = new StringBuilder();
            // Every window of the span is a point, zero where the series had nothing: a gap is a fall, not a bridge.
            for (long t = from; t < to; t += window) {
                double v = e.getValue().getOrDefault(t, 0.0);
                d.append(d.isEmpty() ? 'M' : 'L')
                        .append(Svg.n(x.applyAsDouble(t + window / 2)))
                        .append(',')
                        .append(Svg.n(y.at(v)));
            }
            svg.open("g", "series " + cls);
            svg.path(d.toString(), "line", 0, e.getKey());
            if (series.size() * ((to - from) / window) <= 600) {
                for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
                    svg.circle(
                            x.applyAsDouble(p.getKey() + window / 2),
                            y.at(p.getValue()),
                            2.5,
                            "dot",
                            e.getKey() + " at " + java.time.Instant.ofEpochSecond(p.getKey()) + ": "
                                    + unit.apply(p.getValue()));
                }
            }
            svg.close("g");
            double ly = TOP + 8 + shown * 20;
            svg.open("g", "legend " + cls);
            svg.rect(x1 + 16, ly - 9, 12, 12, "swatch", null);
            svg.text(x1 + 34, ly + 1, "start", "legend-label", e.getKey());
            svg.close("g");
            shown++;
        }
        return svg.done();
    }
}
