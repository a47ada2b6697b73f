package io.vpcflow.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who talks to whom as a picture: owners as nodes on a circle (grouped by kind), traffic as curved edges whose width
 * grows with the log of the bytes, edges that carried unexpected traffic drawn red and dashed. The largest owners are
 * nodes; the rest are one "others" node, so a big estate stays readable.
 */
final class TalkGraph {
    /** Traffic between two owners (either way round), and how many of its flows were unexpected. */
    record Edge(String a, String aKind, String b, String bKind, long bytes, long flows, long unexpected) {}

    static final String OTHERS = "others";
    private static final int WIDTH = 960;
    private static final int HEIGHT = 760;
    private static final double RADIUS = 255;
    private static final int LABEL_CHARS = 36;

    private TalkGraph() {}

    static String draw(String label, List<Edge> edges, int maxNodes) {
        Map<String, long[]> bytesByNode = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (Edge e : edges) {
            bytesByNode.computeIfAbsent(e.a(), k -> new long[1])[0] += e.bytes();
            bytesByNode.computeIfAbsent(e.b(), k -> new long[1])[0] += e.bytes();
            kinds.putIfAbsent(e.a(), e.aKind());
            kinds.putIfAbsent(e.b(), e.bKind());
        }
        List<String> top = bytesByNode.entrySet().stream()
                .sorted(Map.Entry.<String, long[]>comparingByValue(Comparator.comparingLong(v -> -v[0]))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxNodes)
                .map(Map.Entry::getKey)
                .toList();
        java.util.Set<String> kept = new java.util.HashSet<>(top);
        // Merge the rest into one node, and the edges that now join the same two nodes.
        Map<List<String>, long[]> merged = new LinkedHashMap<>();
        for (Edge e : edges) {
            String a = kept.contains(e.a()) ? e.a() : OTHERS;
            String b = kept.contains(e.b()) ? e.b() : OTHERS;
            if (a.equals(b)) {
                continue;
            }
            List<String> key = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
            long[] t = merged.computeIfAbsent(key, k -> new long[3]);
            t[0] += e.bytes();
            t[1] += e.flows();
            t[2] += e.unexpected();
        }
        List<String> nodes = new ArrayList<>(top);
        if (bytesByNode.size() > top.size()) {
            nodes.add(OTHERS);
            kinds.put(OTHERS, OTHERS);
            bytesByNode.put(OTHERS, new long[] {0});
            for (Map.Entry<String, long[]> e : bytesByNode.entrySet()) {
                if (!kept.contains(e.getKey()) && !e.getKey().equals(OTHERS)) {
                    bytesByNode.get(OTHERS)[0] += e.getValue()[0];
                }
            }
        }
        // Around the circle by kind, then name: owners of a kind sit together.
        nodes.sort(Comparator.comparing((String n) -> n.equals(OTHERS) ? "~" : kinds.get(n))
                .thenComparing(Comparator.naturalOrder()));

        Svg svg = new Svg("chart graph", WIDTH, HEIGHT, label);
        if (nodes.isEmpty()) {
            svg.text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "empty", "no traffic in this period");
            return svg.done();
        }
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0;
        Map<String, double[]> at = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            double angle = 2 * Math.PI * i / nodes.size() - Math.PI / 2;
            at.put(nodes.get(i), new double[] {cx + RADIUS * Math.cos(angle), cy + RADIUS * Math.sin(angle), angle});
        }
        long maxEdge = 1;
        for (long[] t : merged.values()) {
            maxEdge = Math.max(maxEdge, t[0]);
        }
        svg.open("g", "edges");
        for (Map.Entry<List<String>, long[]> e : merged.entrySet()) {
            double[] p = at.get(e.getKey().get(0));
            double[] q = at.get(e.getKey().get(1));
            long[] t = e.getValue();
            // Chords bend toward the centre, so edges between neighbours do not run along the rim.
            double mx = cx + ((p[0] + q[0]) / 2 - cx) * 0.25;
            double my = cy + ((p[1] + q[1]) / 2 - cy) * 0.25;
            double width = 1 + 7 * Math.log1p(t[0]) / Math.log1p(maxEdge);
            String d = "M" + Svg.n(p[0]) + "," + Svg.n(p[1]) + " Q" + Svg.n(mx) + "," + Svg.n(my) + " " + Svg.n(q[0])
                    + "," + Svg.n(q[1]);
            String tip = e.getKey().get(0) + " \u2194 " + e.getKey().get(1) + ": " + Units.bytes(t[0]) + ", "
                    + Units.count(t[1]) + " flows" + (t[2] > 0 ? ", " + Units.count(t[2]) + " unexpected" : "");
            svg.path(d, t[2] > 0 ? "edge unexpected" : "edge", width, tip);
        }
        svg.close("g");
        long maxNode = 1;
        for (String n : nodes) {
            maxNode = Math.max(maxNode, bytesByNode.get(n)[0]);
        }
        svg.open("g", "nodes");
        for (String n : nodes) {
            double[] p = at.get(n);
            long bytes = bytesByNode.get(n)[0];
            String kind = kinds.get(n);
            String cls = n.equals(OTHERS) ? "node others" : external(kind) ? "node external" : "node";
            svg.circle(p[0], p[1], 4 + 10 * Math.sqrt(bytes / (double) maxNode), cls, n + ": " + Units.bytes(bytes));
            double lx = cx + (RADIUS + 18) * Math.cos(p[2]);
            // Labels at the top and bottom sit above and below their node; elsewhere beside it, away from the circle.
            double sin = Math.sin(p[2]);
            double ly = cy + (RADIUS + 18) * sin + 4 + (Math.abs(sin) > 0.97 ? 8 * sin : 0);
            String anchor = Math.abs(Math.cos(p[2])) < 0.05 ? "middle" : Math.cos(p[2]) > 0 ? "start" : "end";
            svg.text(lx, ly, anchor, "node-label", Svg.shorten(n, LABEL_CHARS));
        }
        svg.close("g");
        svg.open("g", "legend");
        svg.line(20, HEIGHT - 40, 60, HEIGHT - 40, "edge");
        svg.text(68, HEIGHT - 36, "start", "legend-label", "traffic (width: bytes, log)");
        svg.line(20, HEIGHT - 18, 60, HEIGHT - 18, "edge unexpected");
        svg.text(68, HEIGHT - 14, "start", "legend-label", "carried unexpected flows");
        svg.close("g");
        return svg.done();
    }

    private static boolean external(String kind) {
        return kind == null || kind.equals("internet") || kind.equals("unknown") || kind.equals("aws_service");
    }
}
