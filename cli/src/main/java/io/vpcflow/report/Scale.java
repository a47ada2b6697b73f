package io.vpcflow.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps values onto a pixel range, with the ticks a reader expects: 1, 2 or 5 times a power of ten on a linear
 * scale, powers of ten on a logarithmic one. A log scale keeps one outlier (a 4.5 GB record) from flattening the
 * rest; zero has no place on it and is drawn at the floor.
 */
public final class Scale {
    private final boolean log;
    private final double low;
    private final double high;
    private final double from;
    private final double to;
    private final List<Double> ticks;

    private Scale(boolean log, double low, double high, double from, double to, List<Double> ticks) {
        this.log = log;
        this.low = low;
        this.high = high;
        this.from = from;
        this.to = to;
        this.ticks = List.copyOf(ticks);
    }

    /** A linear scale from 0 to a round number at or above {@code max}, about {@code count} ticks. */
    public static Scale linear(double max, int count, double from, double to) {
        double top = max <= 0 ? 1 : max;
        double step = niceStep(top / Math.max(1, count));
        double high = Math.ceil(top / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= high + step / 2; i++) {
            ticks.add(i * step);
        }
        return new Scale(false, 0, high, from, to, ticks);
    }

    /** A log scale over whole powers of ten that hold every positive value from {@code min} to {@code max}. */
    public static Scale log(double min, double max, double from, double to) {
        double top = Math.max(1, max);
        double bottom = min <= 0 || min > top ? 1 : min;
        int lowExp = (int) Math.floor(Math.log10(bottom));
        int highExp = (int) Math.ceil(Math.log10(top));
        if (highExp == lowExp) {
            highExp++;
        }
        List<Double> ticks = new ArrayList<>();
        for (int e = lowExp; e <= highExp; e++) {
            ticks.add(Math.pow(10, e));
        }
        return new Scale(true, lowExp, highExp, from, to, ticks);
    }

    /** The step of 1, 2 or 5 times a power of ten nearest above {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /** The pixel of a value; on a log scale values below the floor (zero) sit at the floor. */
    public double at(double value) {
        double v = log ? (value <= 0 ? low : Math.max(low, Math.log10(value))) : value;
        return from + (v - low) / (high - low) * (to - from);
    }

    public List<Double> ticks() {
        return ticks;
    }

    public boolean isLog() {
        return log;
    }

    /** The pixel range's two ends. */
    public double from() {
        return from;
    }

    public double to() {
        return to;
    }
}
