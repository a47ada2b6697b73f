package io.vpcflow.report;

import io.vpcflow.query.Table;
import java.util.List;

/**
 * One report page being written: the shared style (colours, charts, print), the links to the other pages of the
 * set, headings, prose, charts and tables. No script; every text from data is escaped; the markup is well-formed
 * XHTML so tests can parse it.
 */
public final class Page {
    /** A page of the set: its file, its title in the links, and the question it answers. */
    public record Link(String file, String title, String question) {}

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222;max-width:1000px}"
            + "table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:3px 6px;font-size:12px;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}.nw,.n{white-space:nowrap}.wide{overflow-x:auto}h2{margin-top:2em}.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "nav{border-bottom:1px solid #ccc;padding-bottom:.6em;margin-bottom:1em}"
            + "nav a{margin-right:1em;color:#1f5c99}nav a.current{font-weight:bold;color:#222;text-decoration:none}"
            + "p.note{color:#555;font-size:13px}ul.summary li{margin:.2em 0}"
            + "svg{display:block;margin:.5em 0;max-width:100%;height:auto}svg text{font-size:11px;fill:#333}"
            + "svg .axis-title{font-size:12px;fill:#555}svg .empty{font-size:14px;fill:#777}"
            + ".grid{stroke:#e4e4e4}.domain,.tickmark{stroke:#888}"
            + ".bar,.swatch,.dot{fill:var(--c)}.line{fill:none;stroke:var(--c);stroke-width:2}"
            + ".edge{fill:none;stroke:#7d97b3;stroke-opacity:.65}"
            + ".edge.unexpected{stroke:#c51b1b;stroke-dasharray:6 3;stroke-opacity:.9}"
            + "line.edge{stroke-width:3}"
            + ".node{fill:#3a6ea5}.node.external{fill:#8c6d31}.node.others{fill:#a6a6a6}"
            + ".group-label{font-weight:bold;font-size:12px}.cell{fill:#3a6ea5}.cell.zero{fill:#f1f1f1}"
            + ".s3{fill-opacity:.3}.s4{fill-opacity:.4}.s5{fill-opacity:.5}.s6{fill-opacity:.6}"
            + ".s7{fill-opacity:.7}.s8{fill-opacity:.8}.s9{fill-opacity:.9}"
            + ".mark{fill:#c51b1b;font-weight:bold}a .mark{text-decoration:underline}"
            + "span.swatch{display:inline-block;width:.8em;height:.8em;background:var(--c);margin-right:.3em}"
            + "@media print{nav{display:none}body{margin:0}svg,table{page-break-inside:avoid}"
            + "h2,h3{page-break-after:avoid}td,th{font-size:10px}}";

    private static final int BARS = 15;
    private final StringBuilder h = new StringBuilder(32_768);

    /**
     * @param set   the pages to link to, or empty for a page on its own
     * @param file  this page's file, marked in the links
     */
    public Page(String title, List<Link> set, String file) {
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"/><title>")
                .append(Html.escape("vpcflow: " + title))
                .append("</title><style>")
                .append(STYLE)
                .append(Palette.css())
                .append("</style></head><body>");
        if (!set.isEmpty()) {
            h.append("<nav>");
            for (Link l : set) {
                h.append("<a href=\"").append(l.file()).append('"');
                if (l.file().equals(file)) {
                    h.append(" class=\"current\"");
                }
                h.append('>').append(Html.escape(l.title())).append("</a>");
            }
            h.append("</nav>");
        }
        h.append("<h1>").append(Html.escape(title)).append("</h1>");
    }

    public Page heading(String text) {
        return element("h2", text);
    }

    public Page subheading(String text) {
        return element("h3", text);
    }

    /** A heading others link to with {@code #id}; the id is the page's own, never data. */
    public Page heading(String text, String id) {
        h.append("<h2 id=\"").append(id).append("\">").append(Html.escape(text)).append("</h2>");
        return this;
    }

    public Page paragraph(String text) {
        return element("p", text);
    }

    /** Small print under a chart: what it counts and how. */
    public Page note(String text) {
        h.append("<p class=\"note\">").append(Html.escape(text)).append("</p>");
        return this;
    }

    public Page list(List<String> items, String cssClass) {
        h.append("<ul class=\"").append(cssClass).append("\">");
        items.forEach(i -> element("li", i));
        h.append("</ul>");
        return this;
    }

    /** Links to pages of the set, each with the question it answers. */
    public Page links(List<Link> pages) {
        h.append("<ul class=\"pages\">");
        for (Link l : pages) {
            h.append("<li><a href=\"").append(l.file()).append("\">").append(Html.escape(l.title()));
            h.append("</a>: ").append(Html.escape(l.question())).append("</li>");
        }
        h.append("</ul>");
        return this;
    }

    /** A legend of the verdict colours, as the charts use them. */
    public Page verdictLegend() {
        h.append("<p class=\"legend\">");
        for (String[] v : Palette.VERDICTS) {
            h.append("<span class=\"v-")
                    .append(v[0])
                    .append("\"><span class=\"swatch\"></span>")
                    .append(v[0]);
            h.append("</span> ");
        }
        h.append("</p>");
        return this;
    }

    /** Horizontal bars, the largest {@value #BARS} and the rest as one. */
    public Page bars(
            String label, List<BarChart.Bar> bars, java.util.function.DoubleFunction<String> unit, String valueName) {
        return chart(BarChart.draw(label, bars, BARS, unit, unit, valueName));
    }

    /** A chart made by this package (already escaped). */
    Page chart(String svg) {
        h.append(svg);
        return this;
    }

    /** A table; a column named {@code verdict} shows its colour beside each value. */
    public Page table(Table t, String cssClass) {
        h.append("<div class=\"wide\"><table class=\"").append(cssClass).append("\"><tr>");
        for (String c : t.columns()) {
            h.append("<th>").append(Html.escape(c)).append("</th>");
        }
        h.append("</tr>");
        int verdict = t.columns().indexOf("verdict");
        for (int r = 0; r < t.rows().size(); r++) {
            h.append("<tr>");
            for (int c = 0; c < t.columns().size(); c++) {
                Object v = t.rows().get(r).get(c);
                String shown = t.shown(r, c);
                // Short values (ids, addresses, verdicts) stay on one line; long text wraps.
                h.append(
                        v instanceof Number ? "<td class=\"n\">" : shown.length() <= 40 ? "<td class=\"nw\">" : "<td>");
                if (c == verdict && v != null) {
                    h.append("<span class=\"").append(Palette.verdictClass(v.toString()));
                    h.append("\"><span class=\"swatch\"></span></span>");
                }
                h.append(Html.escape(shown)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table></div>");
        return this;
    }

    private Page element(String name, String text) {
        h.append('<')
                .append(name)
                .append('>')
                .append(Html.escape(text))
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    public String done() {
        return h.append("</body></html>\n").toString();
    }
}
