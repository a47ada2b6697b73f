package io.vpcflow.report;

import java.util.Locale;

/** How the pages write numbers: one way for each kind of quantity, on every page and axis. */
public final class Units {
    private static final String[] BYTES = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final String[] COUNTS = {"", "k", "M", "G", "T", "P", "E"};

    private Units() {}

    /** A count in full with thousands separators: 4,500,049,169. Tables and tooltips use this. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count in full, for a chart's value of a whole number. */
    public static String count(double n) {
        return count(Math.round(n));
    }

    /** Bytes in decimal units, three significant digits: 4.50 GB. Axes and summaries use this. */
    public static String bytes(double n) {
        return scaled(n, BYTES, " ");
    }

    /** A count in short form for an axis: 12k, 1.5M. */
    public static String shortCount(double n) {
        return scaled(n, COUNTS, "");
    }

    private static String scaled(double n, String[] units, String gap) {
        if (n == 0) {
            return "0" + (units[0].isEmpty() ? "" : gap + units[0]);
        }
        int i = 0;
        double v = Math.abs(n);
        while (v >= 999.5 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        String digits = i == 0 || v >= 99.95
                ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 9.995 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (i > 0 && digits.contains(".")) {
            digits = digits.replaceAll("\\.?0+$", "");
        }
        String unit = units[i];
        return (n < 0 ? "-" : "") + digits + (unit.isEmpty() ? "" : gap + unit);
    }
}
