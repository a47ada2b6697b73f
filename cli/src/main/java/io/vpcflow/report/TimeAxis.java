package io.vpcflow.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Time ticks on round UTC boundaries (5 minutes to a week apart), labelled as short as the span allows. */
final class TimeAxis {
    private static final long[] STEPS = {
        60, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400
    };
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_CLOCK =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private TimeAxis() {}

    /** Tick times (epoch seconds) within {@code [from, to]}, at most about {@code count} of them. */
    static List<Long> ticks(long from, long to, int count) {
        long span = Math.max(1, to - from);
        long step = STEPS[STEPS.length - 1];
        for (long s : STEPS) {
            if (span / s <= count) {
                step = s;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(from + step - 1, step) * step; t <= to; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /** A tick's label: the clock within one day, the day and clock across days, the day for steps of days. */
    static String label(long t, long from, long to, long step) {
        Instant i = Instant.ofEpochSecond(t);
        if (step >= 86_400) {
            return DAY.format(i);
        }
        return Math.floorDiv(from, 86_400) == Math.floorDiv(to, 86_400) ? CLOCK.format(i) : DAY_CLOCK.format(i);
    }

    /**
     * Draws a time axis at {@code y} from {@code x0} to {@code x1}: its line, ticks and their labels, and its title
     * ({@link #title} followed by {@code more}). {@code x} gives a time's pixel.
     */
    static void draw(
            Svg svg,
            long from,
            long to,
            long window,
            java.util.function.LongToDoubleFunction x,
            double x0,
            double x1,
            double y,
            double titleY,
            String more) {
        svg.open("g", "axis x");
        svg.line(x0, y, x1, y, "domain");
        List<Long> ticks = ticks(from, to, 8);
        long step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : window;
        for (long t : ticks) {
            double px = x.applyAsDouble(t);
            svg.line(px, y, px, y + 5, "tickmark");
            svg.text(px, y + 18, "middle", "tick", label(t, from, to, step));
        }
        svg.text((x0 + x1) / 2, titleY, "middle", "axis-title", title(from, to - 1) + more);
        svg.close("g");
    }

    /** The axis' title: the day when the chart holds one day, so clock labels stay short. */
    static String title(long from, long to) {
        return Math.floorDiv(from, 86_400) == Math.floorDiv(to, 86_400)
                ? "time, UTC, " + DAY.format(Instant.ofEpochSecond(from))
                : "time, UTC";
    }
}
