package io.vpcflow.query;

import io.vpcflow.text.ControlCharacters;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A self-contained report page: no script, no external file, opens offline. Charts are inline SVG.
 * Every value from the data is escaped, and the markup is well-formed XML so tests can parse it.
 */
public final class HtmlPage {
    private static final String[] COLORS = {"#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#546e7a", "#1565c0"};

    private HtmlPage() {}

    public static String render(String title, Table report, Warehouse w) throws SQLException {
        StringBuilder h = new StringBuilder(16_384);
        head(h, title);
        h.append("<h1>").append(escape(title)).append("</h1>");
        if (w.has("verdict_stats")) {
            h.append("<h2>Traffic over time by verdict (bytes)</h2>");
            trafficChart(h, Reports.trafficByVerdict(w));
        }
        if (w.has("flows")) {
            h.append("<h2>Owner to owner (bytes)</h2>");
            matrix(h, Reports.ownerMatrix(w));
        }
        h.append("<h2>").append(escape(title)).append("</h2>");
        table(h, report);
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The page's start, to its body: the title, and the one style every page shares. */
    static void head(StringBuilder h, String title) {
        h.append(
                        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>")
                .append(escape("vpcflow: " + title))
                .append("</title><style>")
                .append(
                        "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px;text-align:left}")
                .append("th{background:#f3f3f3}h2{margin-top:2em}.n{text-align:right}")
                .append("</style></head><body>");
    }

    private static void trafficChart(StringBuilder h, Table t) {
        Map<Long, Map<String, Long>> byWindow = new TreeMap<>();
        TreeSet<String> verdicts = new TreeSet<>();
        for (List<Object> row : t.rows()) {
            long window = ((Number) row.get(0)).longValue();
            String verdict = String.valueOf(row.get(1));
            verdicts.add(verdict);
            byWindow.computeIfAbsent(window, k -> new LinkedHashMap<>())
                    .merge(verdict, row.get(2) == null ? 0L : ((Number) row.get(2)).longValue(), Long::sum);
        }
        long max = 1;
        for (Map<String, Long> v : byWindow.values()) {
            max = Math.max(max, v.values().stream().mapToLong(Long::longValue).sum());
        }
        int barWidth = 8;
        int height = 200;
        int width = Math.max(200, byWindow.size() * (barWidth + 2) + 10);
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height + 20)
                .append("\" role=\"img\"><title>bytes per window by verdict</title>");
        List<String> order = new ArrayList<>(verdicts);
        int x = 5;
        for (Map.Entry<Long, Map<String, Long>> e : byWindow.entrySet()) {
            double y = height;
            for (String v : order) {
                long bytes = e.getValue().getOrDefault(v, 0L);
                if (bytes == 0) {
                    continue;
                }
                double barHeight = Math.max(1, bytes * (double) height / max);
                y -= barHeight;
                h.append(String.format(
                        "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s</title></rect>",
                        x,
                        y,
                        barWidth,
                        barHeight,
                        COLORS[order.indexOf(v) % COLORS.length],
                        escape(java.time.Instant.ofEpochSecond(e.getKey()) + " " + v + ": " + bytes + " bytes")));
            }
            x += barWidth + 2;
        }
        h.append("</svg><p>");
        for (int i = 0; i < order.size(); i++) {
            h.append("<span style=\"color:")
                    .append(COLORS[i % COLORS.length])
                    .append("\">&#9632; ")
                    .append(escape(order.get(i)))
                    .append("</span> ");
        }
        h.append("</p>");
    }

    private static void matrix(StringBuilder h, Table t) {
        TreeSet<String> rows = new TreeSet<>();
        TreeSet<String> cols = new TreeSet<>();
        Map<String, Long> cells = new LinkedHashMap<>();
        long max = 1;
        for (List<Object> r : t.rows()) {
            String eni = String.valueOf(r.get(0));
            String peer = String.valueOf(r.get(1));
            long bytes = r.get(2) == null ? 0 : ((Number) r.get(2)).longValue();
            rows.add(eni);
            cols.add(peer);
            cells.put(eni + "\u0000" + peer, bytes);
            max = Math.max(max, bytes);
        }
        h.append("<table class=\"matrix\"><tr><th>interface owner \\ peer</th>");
        for (String c : cols) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr>");
        for (String r : rows) {
            h.append("<tr><th>").append(escape(r)).append("</th>");
            for (String c : cols) {
                long bytes = cells.getOrDefault(r + "\u0000" + c, 0L);
                int shade = (int) Math.round(255 - 155 * Math.sqrt(bytes / (double) max));
                h.append(String.format(
                        "<td class=\"n\" style=\"background:rgb(%d,%d,255)\">%s</td>",
                        shade, shade, bytes == 0 ? "" : String.format("%,d", bytes)));
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    static void table(StringBuilder h, Table t) {
        table(h, t, "report");
    }

    static void table(StringBuilder h, Table t, String cssClass) {
        h.append("<table class=\"").append(cssClass).append("\"><tr>");
        for (String c : t.columns()) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr>");
        for (int r = 0; r < t.rows().size(); r++) {
            h.append("<tr>");
            for (int c = 0; c < t.columns().size(); c++) {
                Object v = t.rows().get(r).get(c);
                h.append(v instanceof Number ? "<td class=\"n\">" : "<td>")
                        .append(escape(t.shown(r, c)))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /** Escapes text for HTML and XML: the five special characters, and control characters dropped. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (ControlCharacters.isBidiControl(c)) {
                        // Shown, not obeyed: an override would make "exe.txt" read "txt.exe".
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }
}
