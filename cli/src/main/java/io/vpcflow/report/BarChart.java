package io.vpcflow.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars, largest first: the top {@code n} and one "others" bar for the rest, a value axis with ticks and
 * units, logarithmic when the largest bar is over a thousand times the smallest.
 */
public final class BarChart {
    /** One bar: its label (data, escaped when drawn), value and colour class. */
    public record Bar(String label, double value, String cssClass) {}

    private static final int WIDTH = 900;
    private static final int LEFT = 350;
    private static final int RIGHT = 90;
    private static final int ROW = 22;
    private static final int TOP = 8;
    private static final int BOTTOM = 44;
    private static final int LABEL_CHARS = 56;

    private BarChart() {}

    /**
     * @param unit      how an axis tick writes a value (short: 1.5k, 4.5 GB)
     * @param exact     how a bar's own value is written (counts in full, as the tables write them)
     */
    static String draw(
            String label,
            List<Bar> bars,
            int n,
            DoubleFunction<String> unit,
            DoubleFunction<String> exact,
            String valueName) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort((a, b) -> Double.compare(b.value(), a.value()));
        List<Bar> shown = new ArrayList<>(sorted.subList(0, Math.min(n, sorted.size())));
        if (sorted.size() > n) {
            double rest = 0;
            for (Bar b : sorted.subList(n, sorted.size())) {
                rest += b.value();
            }
            shown.add(new Bar((sorted.size() - n) + " others", rest, "v-other others"));
        }
        int height = TOP + Math.max(1, shown.size()) * ROW + BOTTOM;
        Svg svg = new Svg("chart bars", WIDTH, height, label);
        if (shown.isEmpty()) {
            svg.text(WIDTH / 2.0, TOP + 16, "middle", "empty", "nothing to show in this period");
            return svg.done();
        }
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Bar b : shown) {
            max = Math.max(max, b.value());
            if (b.value() > 0) {
                min = Math.min(min, b.value());
            }
        }
        boolean log = min != Double.MAX_VALUE && max / min > 1000;
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double yBottom = TOP + shown.size() * ROW;
        Scale x = log ? Scale.log(min, max, x0, x1) : Scale.linear(max, 6, x0, x1);
        svg.open("g", "axis x");
        for (double tick : x.ticks()) {
            double px = x.at(tick);
            svg.line(px, TOP, px, yBottom, "grid");
            svg.text(px, yBottom + 16, "middle", "tick", unit.apply(tick));
        }
        svg.line(x0, yBottom, x1, yBottom, "domain");
        svg.text((x0 + x1) / 2, height - 8, "middle", "axis-title", valueName + (log ? " (log scale)" : ""));
        svg.close("g");
        for (int i = 0; i < shown.size(); i++) {
            Bar b = shown.get(i);
            double y = TOP + i * ROW;
            // On a log scale the floor is 1, so a bar of 1 still shows as a sliver.
            double end = Math.max(x.at(b.value()), x0 + (b.value() > 0 ? 2 : 0));
            svg.open("g", "bar-row " + b.cssClass());
            svg.text(x0 - 8, y + 15, "end", "bar-label", Svg.shorten(b.label(), LABEL_CHARS));
            svg.rect(x0, y + 3, end - x0, ROW - 6, "bar", b.label() + ": " + exact.apply(b.value()));
            svg.text(end + 5, y + 15, "start", "bar-value", exact.apply(b.value()));
            svg.close("g");
        }
        return svg.done();
    }
}
