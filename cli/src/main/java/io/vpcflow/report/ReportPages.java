package io.vpcflow.report;

import io.vpcflow.query.Reports;
import io.vpcflow.query.Table;
import io.vpcflow.query.Warehouse;
import io.vpcflow.query.WhatIfReport;
import io.vpcflow.sg.RuleKey;
import io.vpcflow.whatif.LeastPrivilege;
import io.vpcflow.whatif.Proposal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report pages over a run's tables, one page per question, each with the chart that answers it. Written as a
 * linked set ({@code report all --html DIR}) or one page on its own ({@code report NAME --html FILE}).
 */
public final class ReportPages {
    /** The set, in the order the links list it. */
    public static final List<Page.Link> SET = List.of(
            new Page.Link("index.html", "Overview", "what the run read, and its verdicts"),
            new Page.Link("traffic.html", "Traffic over time", "when traffic flowed, and whether the rules meant it"),
            new Page.Link("unexpected.html", "Unexpected", "traffic the rules did not mean, and why it happened"),
            new Page.Link("talkers.html", "Who talks to whom", "owners as a graph, and the largest conversations"),
            new Page.Link("owners.html", "Owners", "traffic per owner and per kind of owner"),
            new Page.Link("rules.html", "Rule usage", "which security-group rules carry traffic, over time"),
            new Page.Link("suggest.html", "Suggestions", "narrower rules that keep every observed flow"),
            new Page.Link("whatif.html", "What if", "what a proposed change would block or newly allow"),
            new Page.Link("lambda.html", "Lambda", "Hyperplane interfaces and the functions sharing each"));

    /** The page of each named report ({@code report NAME --html FILE}). */
    public static final Map<String, String> PAGE_OF_REPORT = Map.of(
            "unexpected", "unexpected.html",
            "unused-rules", "rules.html",
            "top-talkers", "talkers.html",
            "owners", "owners.html",
            "lambda", "lambda.html");

    private static final int TOP_BARS = 15;
    private static final int GRAPH_NODES = 24;

    private final Warehouse w;
    private final List<Page.Link> links;
    private final List<LeastPrivilege.Suggestion> suggestions;
    private final WhatIfReport whatIf;
    private final String proposalName;
    private final String noSuggestions;

    /**
     * @param inSet        whether pages link to each other (the set) or stand alone
     * @param suggestions  the suggestion of the period, or null when no inventory was given
     * @param whatIf       a what-if result, or null when no proposal was given
     * @param missing      the sentence a page without suggestions or what-if shows: what to run
     */
    public ReportPages(
            Warehouse w,
            boolean inSet,
            List<LeastPrivilege.Suggestion> suggestions,
            WhatIfReport whatIf,
            String proposalName,
            String missing) {
        this.w = w;
        this.links = inSet ? SET : List.of();
        this.suggestions = suggestions;
        this.whatIf = whatIf;
        this.proposalName = proposalName;
        this.noSuggestions = missing;
    }

    /** Writes every page of the set into {@code dir}; returns the files written. */
    public List<Path> writeAll(Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Page.Link l : SET) {
            Path p = dir.resolve(l.file());
            Files.writeString(p, page(l.file()));
            written.add(p);
        }
        return written;
    }

    /** One page of the set by its file name. */
    public String page(String file) throws SQLException {
        return switch (file) {
            case "index.html" -> overview();
            case "traffic.html" -> traffic();
            case "unexpected.html" -> unexpected();
            case "talkers.html" -> talkers();
            case "owners.html" -> owners();
            case "rules.html" -> rules();
            case "suggest.html" -> suggestPage();
            case "whatif.html" -> whatIfPage();
            case "lambda.html" -> lambda();
            default -> throw new IllegalArgumentException("no page " + file);
        };
    }

    private Page page(String file, String title) {
        return new Page(title, links, file);
    }

    private String needs(Page p, String table) {
        return p.paragraph("This page needs the " + table + " table, which this warehouse does not hold (vpcflow "
                        + "replay writes it unless --tables leaves it out).")
                .done();
    }

    private String overview() throws SQLException {
        Page p = page("index.html", "vpcflow report");
        if (!w.has("verdict_stats")) {
            return needs(p, "verdict_stats");
        }
        Table t = query("SELECT min(window_start) AS first, max(window_end) AS last, sum(flows) AS flows, "
                + "sum(packets) AS packets, sum(bytes) AS bytes, count(DISTINCT interface_id) AS interfaces "
                + "FROM verdict_stats");
        List<Object> r = t.rows().get(0);
        List<String> lines = new ArrayList<>();
        if (r.get(0) != null) {
            lines.add("period: " + java.time.Instant.ofEpochSecond(num(r.get(0))) + " to "
                    + java.time.Instant.ofEpochSecond(num(r.get(1))));
        }
        lines.add(Units.count(num(r.get(2))) + " flows, " + Units.count(num(r.get(3))) + " packets, "
                + Units.bytes(num(r.get(4))) + " (" + Units.count(num(r.get(4))) + " bytes) on "
                + Units.count(num(r.get(5))) + " interfaces");
        if (w.has("dead_letters")) {
            long dead = num(query("SELECT count(*) AS n FROM dead_letters")
                    .rows()
                    .get(0)
                    .get(0));
            lines.add(Units.count(dead) + " records could not be read (the dead_letters table says why)");
        }
        p.list(lines, "summary");
        p.heading("Flows by verdict");
        List<BarChart.Bar> bars = new ArrayList<>();
        for (List<Object> v : query("SELECT verdict, sum(flows) AS flows FROM verdict_stats GROUP BY 1 ORDER BY 1")
                .rows()) {
            String verdict = String.valueOf(v.get(0));
            bars.add(new BarChart.Bar(verdict, num(v.get(1)), Palette.verdictClass(verdict)));
        }
        p.chart(BarChart.draw("flows by verdict", bars, TOP_BARS, Units::shortCount, Units::count, "flows"));
        p.heading("The pages");
        return p.links(SET.subList(1, SET.size())).done();
    }

    private String traffic() throws SQLException {
        Page p = page("traffic.html", "Traffic over time by verdict");
        if (!w.has("verdict_stats")) {
            return needs(p, "verdict_stats");
        }
        long window = window();
        Map<String, SortedMap<Long, Double>> bytes = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Double>> flows = new LinkedHashMap<>();
        for (String[] v : Palette.VERDICTS) {
            bytes.put(v[0], new TreeMap<>());
            flows.put(v[0], new TreeMap<>());
        }
        Table t = query("SELECT window_start, verdict, sum(flows) AS flows, sum(bytes) AS bytes FROM verdict_stats "
                + "GROUP BY 1, 2 ORDER BY 1, 2");
        for (List<Object> r : t.rows()) {
            String verdict = String.valueOf(r.get(1));
            long at = num(r.get(0));
            flows.computeIfAbsent(verdict, k -> new TreeMap<>()).put(at, (double) num(r.get(2)));
            bytes.computeIfAbsent(verdict, k -> new TreeMap<>()).put(at, (double) num(r.get(3)));
        }
        flows.values().removeIf(Map::isEmpty);
        bytes.values().removeIf(Map::isEmpty);
        String per = " per " + (window % 60 == 0 ? window / 60 + "-minute" : window + "-second") + " window";
        p.heading("Bytes");
        p.chart(TimeChart.draw("bytes by verdict over time", bytes, window, true, Units::bytes, "bytes" + per));
        p.note("A logarithmic scale: one large transfer does not flatten the rest. A window with no traffic of a "
                + "verdict is drawn at the floor.");
        p.heading("Flows");
        p.chart(TimeChart.draw("flows by verdict over time", flows, window, false, Units::shortCount, "flows" + per));
        p.heading("Totals");
        return p.table(
                        query("SELECT verdict, verdict_reason AS reason, sum(flows) AS flows, sum(packets) AS "
                                + "packets, sum(bytes) AS bytes FROM verdict_stats GROUP BY ALL ORDER BY flows DESC, "
                                + "verdict, reason"),
                        "totals")
                .done();
    }

    private String unexpected() throws SQLException {
        Page p = page("unexpected.html", "Unexpected accepts and rejects");
        if (!w.has("flows")) {
            return needs(p, "flows");
        }
        p.verdictLegend();
        p.heading("By reason");
        List<BarChart.Bar> bars = new ArrayList<>();
        for (List<Object> r : query("SELECT verdict, coalesce(verdict_reason, 'unknown') AS reason, count(*) AS n "
                        + "FROM flows WHERE verdict LIKE 'unexpected%' GROUP BY ALL")
                .rows()) {
            String verdict = String.valueOf(r.get(0));
            bars.add(new BarChart.Bar(verdict + ": " + r.get(1), num(r.get(2)), Palette.verdictClass(verdict)));
        }
        p.chart(BarChart.draw("unexpected flows by reason", bars, TOP_BARS, Units::shortCount, Units::count, "flows"));
        p.note("response_traffic: the reply of a connection another side opened; nacl_deny: a network ACL refused "
                + "what the security group allows; rule_changed: the rules changed within the record's interval.");
        if (w.has("verdict_stats")) {
            p.heading("Over time");
            Map<String, SortedMap<Long, Double>> series = new LinkedHashMap<>();
            for (List<Object> r : query("SELECT window_start, verdict, sum(flows) AS flows FROM verdict_stats WHERE "
                            + "verdict LIKE 'unexpected%' GROUP BY 1, 2 ORDER BY 1, 2")
                    .rows()) {
                series.computeIfAbsent(String.valueOf(r.get(1)), k -> new TreeMap<>())
                        .put(num(r.get(0)), (double) num(r.get(2)));
            }
            p.chart(TimeChart.draw(
                    "unexpected flows over time", series, window(), false, Units::shortCount, "flows per window"));
        }
        p.heading("Every group (the 100 largest)");
        return p.table(report("unexpected"), "report").done();
    }

    private String talkers() throws SQLException {
        Page p = page("talkers.html", "Who talks to whom");
        if (!w.has("flows")) {
            return needs(p, "flows");
        }
        List<TalkGraph.Edge> edges = new ArrayList<>();
        for (List<Object> r : query(withNames() + "SELECT " + OWNER + " AS owner, coalesce(f.eni_owner_kind, "
                        + "'unattributed') AS owner_kind, " + PEER + " AS peer, coalesce(f.peer_owner_kind, 'unknown') "
                        + "AS peer_kind, sum(coalesce(f.bytes, 0)) AS bytes, count(*) AS flows, count(*) FILTER "
                        + "(WHERE f.verdict LIKE 'unexpected%') AS unexpected FROM flows f " + namesJoin()
                        + " GROUP BY ALL")
                .rows()) {
            edges.add(new TalkGraph.Edge(
                    String.valueOf(r.get(0)),
                    String.valueOf(r.get(1)),
                    String.valueOf(r.get(2)),
                    String.valueOf(r.get(3)),
                    num(r.get(4)),
                    num(r.get(5)),
                    num(r.get(6))));
        }
        p.chart(TalkGraph.draw("who talks to whom", edges, GRAPH_NODES));
        p.note("Owners as nodes (sized by bytes), traffic as edges (wider: more bytes, on a log scale); red dashed "
                + "edges carried unexpected flows. Internet addresses are one node. Bytes are as logged: traffic "
                + "between two interfaces that both log is in both their logs.");
        p.heading("The largest conversations");
        p.table(
                query(withNames() + "SELECT " + OWNER + " AS owner, f.direction, " + PEER + " AS peer, "
                        + "sum(coalesce(f.bytes, 0)) AS bytes, sum(coalesce(f.packets, 0)) AS packets, count(*) AS "
                        + "flows, count(*) FILTER (WHERE f.verdict LIKE 'unexpected%') AS unexpected_flows FROM "
                        + "flows f " + namesJoin() + " WHERE f.log_status = 'OK' OR f.log_status IS NULL GROUP BY ALL "
                        + "ORDER BY bytes DESC, owner, peer LIMIT 25"),
                "report");
        p.heading("Between kinds of owner (bytes)");
        return p.table(
                        query("PIVOT (SELECT coalesce(eni_owner_kind, 'unattributed') AS interface_owner, "
                                + "coalesce(peer_owner_kind, 'unknown') AS peer, coalesce(bytes, 0) AS bytes FROM "
                                + "flows) ON peer USING sum(bytes) ORDER BY interface_owner"),
                        "matrix")
                .done();
    }

    private String owners() throws SQLException {
        Page p = page("owners.html", "Traffic per owner");
        if (!w.has("flows")) {
            return needs(p, "flows");
        }
        p.heading("Bytes per owner");
        p.bars(
                "bytes per owner",
                plainBars("SELECT " + OWNER + " AS owner, sum(coalesce(f.bytes, 0)) AS bytes FROM flows f GROUP BY 1"),
                Units::bytes,
                "bytes");
        p.heading("Per kind of owner");
        return p.table(report("owners"), "report").done();
    }

    private String rules() throws SQLException {
        Page p = page("rules.html", "Rule usage per security group over time");
        if (!w.has("sg_rules")) {
            return needs(p, "sg_rules");
        }
        Map<String, String> marks = new HashMap<>();
        Map<String, String> anchors = new HashMap<>();
        if (suggestions != null) {
            for (int i = 0; i < suggestions.size(); i++) {
                LeastPrivilege.Suggestion s = suggestions.get(i);
                String id = s.rule().ruleId();
                marks.put(id, s.kind() == LeastPrivilege.Kind.REMOVE ? "no flow needed it" : "wider than its traffic");
                anchors.put(id, "suggest.html#s" + i);
            }
        }
        Table findings = w.has("flows") ? report("unused-rules") : null;
        if (suggestions == null && findings != null) {
            for (List<Object> r : findings.rows()) {
                marks.put(
                        String.valueOf(r.get(1)),
                        "no traffic".equals(r.get(9)) ? "no traffic" : "wider than its traffic");
            }
        }
        Table rules = query("SELECT sg_id, coalesce(sg_name, '') AS sg_name, sg_rule_id, direction, protocol, "
                + "from_port, to_port, coalesce(cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id, '') AS "
                + "target FROM sg_rules WHERE sg_rule_id IS NOT NULL QUALIFY snapshot_time = max(snapshot_time) "
                + "OVER () ORDER BY sg_id, direction DESC, sg_rule_id");
        Map<String, SortedMap<Long, Long>> usage = new HashMap<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        long window = Long.MAX_VALUE;
        if (w.has("rule_usage")) {
            for (List<Object> r : query("SELECT sg_rule_id, window_start, window_end, sum(flows) AS flows FROM "
                            + "rule_usage GROUP BY ALL")
                    .rows()) {
                long at = num(r.get(1));
                usage.computeIfAbsent(String.valueOf(r.get(0)), k -> new TreeMap<>())
                        .merge(at, num(r.get(3)), Long::sum);
                from = Math.min(from, at);
                to = Math.max(to, num(r.get(2)));
                window = Math.min(window, Math.max(1, num(r.get(2)) - at));
            }
        }
        List<HeatStrips.Strip> strips = new ArrayList<>();
        for (List<Object> r : rules.rows()) {
            String id = String.valueOf(r.get(2));
            String protocol = String.valueOf(r.get(4));
            String ports = r.get(5) == null || "-1".equals(protocol)
                    ? ""
                    : r.get(5).equals(r.get(6)) ? " " + r.get(5) : " " + r.get(5) + "-" + r.get(6);
            String label = id + " " + ("ingress".equals(r.get(3)) ? "in " : "out ")
                    + ("-1".equals(protocol) ? "all" : protocol) + ports + " " + r.get(7);
            String group = r.get(0) + (r.get(1).toString().isEmpty() ? "" : " (" + r.get(1) + ")");
            String mark = marks.get(id);
            strips.add(new HeatStrips.Strip(
                    group,
                    label,
                    usage.getOrDefault(id, new TreeMap<>()),
                    mark,
                    mark != null && !links.isEmpty() ? anchors.getOrDefault(id, "suggest.html") : null));
        }
        p.chart(HeatStrips.draw("rule usage over time", strips, from, to, window == Long.MAX_VALUE ? 300 : window));
        p.note("A strip counts every flow the rule matched, a flow a network ACL then denied included. Marked rules "
                + "carried no flow, or far less than they allow"
                + (links.isEmpty()
                        ? ": vpcflow suggest writes the narrower rules."
                        : "; the mark links to the " + "suggestion."));
        if (findings != null) {
            p.heading("Rules with no traffic, and rules open to everyone but used by a few addresses");
            p.table(findings, "report");
        }
        return p.done();
    }

    private String suggestPage() {
        Page p = page("suggest.html", "Narrower rules that keep every observed flow");
        if (suggestions == null) {
            return p.paragraph(noSuggestions).done();
        }
        p.paragraph(
                suggestions.isEmpty()
                        ? "Every rule is as narrow as its traffic, and every rule carried traffic."
                        : "vpcflow suggest writes these as a proposed inventory (for vpcflow whatif --proposed) and as "
                                + "Terraform.");
        String group = null;
        for (int i = 0; i < suggestions.size(); i++) {
            LeastPrivilege.Suggestion s = suggestions.get(i);
            if (!s.groupId().equals(group)) {
                group = s.groupId();
                p.subheading(group);
            }
            List<String> lines = new ArrayList<>();
            lines.add(s.rule().ruleId() + ": " + Proposal.describe(RuleKey.of(s.rule())));
            if (s.kind() == LeastPrivilege.Kind.REMOVE) {
                lines.add("no flow used it: remove");
            } else {
                lines.add(Units.count(s.flows()) + " flows from "
                        + (s.peers() < 0 ? "many peers" : Units.count(s.peers()) + " peer(s)") + "; narrow to:");
                s.replacements().forEach(r -> lines.add("    " + Proposal.describe(RuleKey.of(r))));
            }
            p.heading(s.rule().ruleId() + (s.kind() == LeastPrivilege.Kind.REMOVE ? ": remove" : ": narrow"), "s" + i);
            p.list(lines, "suggestion");
        }
        return p.done();
    }

    private String whatIfPage() {
        if (whatIf == null) {
            return page("whatif.html", "What a proposed change would break")
                    .paragraph("No proposal was given: vpcflow report all --html DIR --inventory INV --proposed PLAN "
                            + "(an edited inventory folder or terraform show -json output) fills this page, as "
                            + "vpcflow whatif --html does.")
                    .done();
        }
        return whatIf.page(proposalName, links, "whatif.html");
    }

    private String lambda() throws SQLException {
        Page p = page("lambda.html", "Lambda Hyperplane interfaces and their functions");
        if (!w.has("enis")) {
            return needs(p, "enis");
        }
        p.paragraph("Lambda shares one interface among every function with the same subnet and security groups: the "
                + "interface's traffic is the set's, not one function's.");
        if (w.has("flows")) {
            p.heading("Bytes per interface");
            p.bars(
                    "bytes per Lambda interface",
                    plainBars("SELECT coalesce(eni_owner_name, interface_id) || ' (' || interface_id || ')' AS label, "
                            + "sum(coalesce(bytes, 0)) AS bytes FROM flows WHERE eni_owner_kind = 'lambda' GROUP BY 1"),
                    Units::bytes,
                    "bytes");
        }
        p.heading("The interfaces");
        p.table(
                query("SELECT interface_id, array_to_string(lambda_functions, ', ') AS functions, CASE WHEN "
                        + "lambda_partial THEN 'guessed from the description' ELSE 'from the functions listed' END "
                        + "AS function_set, subnet_id, array_to_string(security_groups, ', ') AS security_groups, "
                        + "to_timestamp(snapshot_time) AS as_of FROM enis WHERE owner_kind = 'lambda' QUALIFY "
                        + "row_number() OVER (PARTITION BY interface_id ORDER BY snapshot_time DESC) = 1 ORDER BY "
                        + "interface_id"),
                "interfaces");
        if (w.has("flows")) {
            p.heading("Their traffic");
            p.table(report("lambda"), "report");
        }
        return p.done();
    }

    /** The owner of a record's interface as a reader names it. */
    private static final String OWNER = "coalesce(f.eni_owner_kind || ' ' || coalesce(f.eni_owner_name, "
            + "f.eni_owner_id), 'unattributed ' || f.interface_id)";

    /** The owner of a record's peer: the resource's name where the inventory has one; the internet as one. */
    private static final String PEER = "CASE WHEN f.peer_owner_kind IS NULL THEN 'unknown' WHEN f.peer_owner_kind = "
            + "'internet' THEN 'internet' ELSE f.peer_owner_kind || ' ' || coalesce(n.owner_name, f.peer_owner_id, "
            + "f.peer_addr) END";

    private String withNames() {
        return w.has("enis")
                ? "WITH n AS (SELECT owner_kind, owner_id, max(owner_name) AS owner_name FROM enis GROUP BY ALL) "
                : "WITH n AS (SELECT NULL::VARCHAR AS owner_kind, NULL::VARCHAR AS owner_id, NULL::VARCHAR AS "
                        + "owner_name WHERE false) ";
    }

    private static String namesJoin() {
        return "LEFT JOIN n ON n.owner_kind = f.peer_owner_kind AND n.owner_id = f.peer_owner_id";
    }

    /** A bar per row of a query of (label, value), in the plain colour. */
    private List<BarChart.Bar> plainBars(String sql) throws SQLException {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (List<Object> r : query(sql).rows()) {
            bars.add(new BarChart.Bar(String.valueOf(r.get(0)), num(r.get(1)), "v-plain"));
        }
        return bars;
    }

    private Table report(String name) throws SQLException {
        return query(Reports.ALL.get(name).sql());
    }

    /** The width of the run's windows, in seconds. */
    private long window() throws SQLException {
        Object v = query("SELECT min(window_end - window_start) AS w FROM verdict_stats")
                .rows()
                .get(0)
                .get(0);
        return v == null ? 300 : Math.max(1, num(v));
    }

    private Table query(String sql) throws SQLException {
        try (ResultSet rs = w.query(sql)) {
            return Table.of(rs);
        }
    }

    private static long num(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }
}
