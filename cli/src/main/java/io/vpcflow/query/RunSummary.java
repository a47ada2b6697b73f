package io.vpcflow.query;

import io.vpcflow.enrich.RunTally;
import io.vpcflow.enrich.SgRuleRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run produced, read back from its tables: the counts a user checks first and the findings worth a
 * look. The counts part ({@link #counts()}) is what {@code sample-data/expected.json} pins.
 */
public record RunSummary(
        long records,
        long deadLetters,
        Map<String, Long> deadLettersByReason,
        Map<String, Long> verdicts,
        Map<String, Long> owners,
        Map<String, Long> reasons,
        List<String> topUnexpected,
        List<String> unusedRules) {

    /** Counts only: records, dead letters by reason, flows by verdict, by owner kind and by unexpected reason. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("records", records);
        m.put("deadLetters", deadLetters);
        m.put("deadLettersByReason", deadLettersByReason);
        m.put("verdicts", verdicts);
        m.put("owners", owners);
        m.put("unexpectedReasons", reasons);
        return m;
    }

    public static RunSummary of(Warehouse w) throws SQLException {
        long records = w.has("flows")
                ? w.scalar("SELECT count(*) FROM flows")
                : w.has("verdict_stats") ? w.scalar("SELECT coalesce(sum(flows), 0) FROM verdict_stats") : 0;
        long dead = w.has("dead_letters") ? w.scalar("SELECT count(*) FROM dead_letters") : 0;
        Map<String, Long> byReason =
                w.has("dead_letters") ? counts(w, "SELECT reason, count(*) FROM dead_letters GROUP BY 1") : Map.of();
        // Without the per-record table the same counts come from verdict_stats.
        String table = w.has("flows") ? "flows" : w.has("verdict_stats") ? "verdict_stats" : null;
        String n = "flows".equals(table) ? "count(*)" : "sum(flows)";
        Map<String, Long> verdicts =
                table == null ? Map.of() : counts(w, "SELECT verdict, " + n + " FROM " + table + " GROUP BY 1");
        Map<String, Long> owners = table == null
                ? Map.of()
                : counts(w, "SELECT coalesce(eni_owner_kind, 'unattributed'), " + n + " FROM " + table + " GROUP BY 1");
        Map<String, Long> reasons = w.has("flows")
                ? counts(
                        w,
                        "SELECT verdict || ':' || verdict_reason, count(*) FROM flows WHERE verdict_reason IS NOT NULL GROUP BY 1")
                : Map.of();
        List<String> top = new ArrayList<>();
        if (w.has("flows")) {
            try (ResultSet rs = w.query("SELECT verdict, verdict_reason, interface_id, eni_owner_kind, eni_owner_id, "
                    + "peer_addr, coalesce(CAST(protocol AS VARCHAR), '-'), "
                    + "CASE WHEN direction = 'ingress' THEN dstport ELSE srcport END, count(*) AS n, sum(bytes) "
                    + "FROM flows WHERE verdict LIKE 'unexpected%' GROUP BY ALL ORDER BY n DESC, 3, 6 LIMIT 5")) {
                while (rs.next()) {
                    top.add(unexpectedLine(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getObject(8),
                            rs.getLong(9)));
                }
            }
        }
        List<String> unused = new ArrayList<>();
        if (w.has("sg_rules")) {
            String used = w.has("rule_usage")
                    ? "SELECT DISTINCT sg_rule_id FROM rule_usage WHERE sg_rule_id IS NOT NULL"
                    : "SELECT NULL WHERE false";
            try (ResultSet rs = w.query("SELECT DISTINCT sg_id, sg_rule_id, direction, protocol, from_port, to_port, "
                    + "coalesce(cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id) FROM sg_rules "
                    + "WHERE sg_rule_id IS NOT NULL AND sg_rule_id NOT IN (" + used
                    + ") ORDER BY 1, 2, 3, 4, 5, 6, 7")) {
                while (rs.next()) {
                    unused.add(ruleLine(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5),
                            rs.getObject(6),
                            rs.getString(7)));
                }
            }
        }
        return new RunSummary(records, dead, byReason, verdicts, owners, reasons, top, unused);
    }

    /**
     * The same summary from the job's own counts, without reading the tables back: what a replay prints.
     *
     * @param rules the rows the run wrote to {@code sg_rules}, or none when it wrote no such table
     * @param rulesUsed whether the run wrote {@code rule_usage} (without it, no rule counts as used)
     */
    public static RunSummary of(RunTally tally, List<SgRuleRow> rules, boolean rulesUsed) {
        List<String> top = new ArrayList<>();
        for (Map.Entry<RunTally.UnexpectedGroup, Long> e : tally.topUnexpected(5)) {
            RunTally.UnexpectedGroup g = e.getKey();
            top.add(unexpectedLine(
                    code(g.verdict()),
                    code(g.reason()),
                    g.interfaceId(),
                    code(g.ownerKind()),
                    g.ownerId(),
                    g.peer(),
                    g.protocol() < 0 ? "-" : String.valueOf(g.protocol()),
                    g.localPort() < 0 ? null : g.localPort(),
                    e.getValue()));
        }
        if (tally.ungrouped() > 0) {
            top.add(String.format(
                    "... and %,d unexpected records of groups past the first %,d a task met, not ranked here "
                            + "(vpcflow report unexpected has them all)",
                    tally.ungrouped(), RunTally.MAX_UNEXPECTED_GROUPS));
        }
        java.util.Set<String> used = rulesUsed ? tally.usedRules() : java.util.Set.of();
        // One line per distinct rule; a line starts with its group and rule, so in line order they sort as the
        // table's query sorts them.
        java.util.SortedSet<String> unused = new java.util.TreeSet<>();
        for (SgRuleRow r : rules) {
            if (r.sgRuleId == null || used.contains(r.sgRuleId)) {
                continue;
            }
            String target = r.cidrIpv4 != null
                    ? r.cidrIpv4
                    : r.cidrIpv6 != null ? r.cidrIpv6 : r.prefixListId != null ? r.prefixListId : r.referencedGroupId;
            String line = ruleLine(
                    r.sgId,
                    r.sgRuleId,
                    code(r.direction),
                    r.protocol,
                    r.fromPort < 0 ? null : r.fromPort,
                    r.toPort < 0 ? null : r.toPort,
                    target);
            unused.add(line);
        }
        return new RunSummary(
                tally.records(),
                tally.deadLetters(),
                tally.deadLettersByReason(),
                tally.verdicts(),
                tally.owners(),
                tally.reasons(),
                top,
                List.copyOf(unused));
    }

    private static String code(io.vpcflow.text.Coded c) {
        return c == null ? null : c.code();
    }

    /** A line of the top unexpected flows; an absent port is {@code -}. */
    private static String unexpectedLine(
            String verdict,
            String reason,
            String interfaceId,
            String ownerKind,
            String ownerId,
            String peer,
            String protocol,
            Object localPort,
            long flows) {
        return String.format(
                "%s (%s) on %s [%s %s], peer %s, protocol %s, local port %s: %d flows",
                verdict,
                reason,
                interfaceId,
                ownerKind,
                ownerId,
                peer,
                protocol,
                localPort == null ? "-" : localPort,
                flows);
    }

    /** A line of the rules no record used; an absent port (all protocols) is {@code *}. */
    private static String ruleLine(
            String sgId, String ruleId, String direction, String protocol, Object from, Object to, String target) {
        return String.format(
                "%s %s %s %s %s-%s %s",
                sgId, ruleId, direction, protocol, from == null ? "*" : from, to == null ? "*" : to, target);
    }

    private static Map<String, Long> counts(Warehouse w, String sql) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (ResultSet rs = w.query(sql)) {
            while (rs.next()) {
                m.put(String.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return m;
    }
}
