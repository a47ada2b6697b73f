package io.vpcflow.report;

import java.util.Locale;

/**
 * An inline SVG drawing being written. Text from data goes in only through {@link #text} and {@link #title}, which
 * escape it; attributes take only numbers and the page's own class names.
 */
final class Svg {
    private final StringBuilder s = new StringBuilder(8_192);

    Svg(String cssClass, int width, int height, String label) {
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
                .append(cssClass)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\">");
        title(label);
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A label cut to fit the margin; the tooltip keeps it whole. */
    static String shorten(String label, int chars) {
        return label.length() <= chars ? label : label.substring(0, chars - 1) + "\u2026";
    }

    Svg open(String element, String cssClass) {
        s.append('<').append(element).append(" class=\"").append(cssClass).append("\">");
        return this;
    }

    Svg close(String element) {
        s.append("</").append(element).append('>');
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        s.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(x1));
        s.append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2));
        s.append("\"/>");
        return this;
    }

    /** A rectangle; with a tooltip when {@code tip} is not null. */
    Svg rect(double x, double y, double w, double h, String cssClass, String tip) {
        s.append("<rect class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y));
        s.append("\" width=\"").append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h)));
        return tipped("rect", tip);
    }

    Svg circle(double x, double y, double r, String cssClass, String tip) {
        s.append("<circle class=\"")
                .append(cssClass)
                .append("\" cx=\"")
                .append(n(x))
                .append("\" cy=\"")
                .append(n(y));
        s.append("\" r=\"").append(n(r));
        return tipped("circle", tip);
    }

    /** A path of the given data (built from numbers only) and stroke width. */
    Svg path(String d, String cssClass, double strokeWidth, String tip) {
        s.append("<path class=\"").append(cssClass).append("\" d=\"").append(d);
        if (strokeWidth > 0) {
            s.append("\" stroke-width=\"").append(n(strokeWidth));
        }
        return tipped("path", tip);
    }

    private Svg tipped(String element, String tip) {
        if (tip == null) {
            s.append("\"/>");
        } else {
            s.append("\">");
            title(tip);
            s.append("</").append(element).append('>');
        }
        return this;
    }

    /** Text at a point; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String anchor, String cssClass, String text) {
        s.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y));
        s.append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(Html.escape(text))
                .append("</text>");
        return this;
    }

    /** Vertical text, for a y axis' title. */
    Svg verticalText(double x, double y, String cssClass, String text) {
        s.append("<text class=\"").append(cssClass).append("\" text-anchor=\"middle\" transform=\"translate(");
        s.append(n(x)).append(',').append(n(y)).append(") rotate(-90)\">").append(Html.escape(text));
        s.append("</text>");
        return this;
    }

    Svg title(String text) {
        s.append("<title>").append(Html.escape(text)).append("</title>");
        return this;
    }

    /** A link around what follows, to a page of the set (a file name and an anchor the page set made). */
    Svg link(String href) {
        s.append("<a href=\"").append(Html.escape(href)).append("\">");
        return this;
    }

    String done() {
        return s.append("</svg>").toString();
    }
}
