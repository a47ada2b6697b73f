package io.vpcflow.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Rule usage over time: one strip per rule, grouped by security group, a cell per window shaded by the log of its
 * flows. Rules that carried nothing and rules far wider than their traffic are marked and link to the suggestion.
 */
final class HeatStrips {
    /** A rule's strip: its label, its windows' flows, and a mark ("no traffic", "wider than its traffic"). */
    record Strip(String group, String label, SortedMap<Long, Long> flows, String mark, String href) {}

    private static final int WIDTH = 980;
    private static final int LEFT = 330;
    private static final int RIGHT = 170;
    private static final int ROW = 16;
    private static final int GROUP_GAP = 22;
    private static final int TOP = 8;
    private static final int BOTTOM = 48;

    private HeatStrips() {}

    static String draw(String label, List<Strip> strips, long from, long to, long window) {
        int groups = (int) strips.stream().map(Strip::group).distinct().count();
        int height = TOP + groups * GROUP_GAP + strips.size() * ROW + BOTTOM;
        Svg svg = new Svg("chart heat", WIDTH, height, label);
        if (strips.isEmpty() || to <= from) {
            svg.text(WIDTH / 2.0, TOP + 20, "middle", "empty", "no rules in the inventory");
            return svg.done();
        }
        long max = 1;
        for (Strip s : strips) {
            for (long v : s.flows().values()) {
                max = Math.max(max, v);
            }
        }
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        long windows = Math.max(1, (to - from + window - 1) / window);
        double cell = (x1 - x0) / windows;
        double y = TOP;
        String group = null;
        for (Strip s : strips) {
            if (!s.group().equals(group)) {
                group = s.group();
                y += GROUP_GAP;
                svg.text(8, y - 6, "start", "group-label", group);
            }
            svg.open("g", s.mark() == null ? "strip" : "strip marked");
            svg.text(x0 - 8, y + 12, "end", "strip-label", Svg.shorten(s.label(), 52));
            svg.rect(x0, y + 1, x1 - x0, ROW - 2, "cell zero", null);
            for (Map.Entry<Long, Long> e : s.flows().entrySet()) {
                if (e.getValue() <= 0 || e.getKey() < from || e.getKey() >= to) {
                    continue;
                }
                double px = x0 + (e.getKey() - from) / (double) window * cell;
                double shade = 0.25 + 0.75 * Math.log1p(e.getValue()) / Math.log1p(max);
                svg.rect(
                        px,
                        y + 1,
                        Math.max(1, cell - 0.5),
                        ROW - 2,
                        "cell s" + Math.round(shade * 10),
                        s.label() + " at " + java.time.Instant.ofEpochSecond(e.getKey()) + ": "
                                + Units.count(e.getValue()) + " flows");
            }
            if (s.mark() != null) {
                if (s.href() != null) {
                    svg.link(s.href());
                }
                svg.text(x1 + 8, y + 12, "start", "mark", s.mark());
                if (s.href() != null) {
                    svg.close("a");
                }
            }
            svg.close("g");
            y += ROW;
        }
        double yBottom = y + 4;
        long start = from;
        TimeAxis.draw(
                svg,
                from,
                to,
                window,
                t -> x0 + (t - start) / (double) window * cell,
                x0,
                x1,
                yBottom,
                yBottom + 38,
                "; darker: more flows (log), up to " + Units.count(max) + " in a window");
        return svg.done();
    }
}
