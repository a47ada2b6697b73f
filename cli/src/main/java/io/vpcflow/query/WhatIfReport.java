package io.vpcflow.query;

import static io.vpcflow.text.Coded.codeOf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.report.BarChart;
import io.vpcflow.report.Page;
import io.vpcflow.report.Units;
import io.vpcflow.sg.RuleKey;
import io.vpcflow.whatif.Proposal;
import io.vpcflow.whatif.WhatIf;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A what-if result as a terminal table, JSON lines and a page: the same groups and totals in each. */
public final class WhatIfReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of(
            "change",
            "interface",
            "owner",
            "peer",
            "peer_owner",
            "protocol",
            "port",
            "direction",
            "flows",
            "packets",
            "bytes",
            "first_seen",
            "last_seen",
            "before",
            "after");

    private final WhatIf whatIf;
    private final Proposal proposal;
    private final FlowRecords.Read read;
    private final List<WhatIf.Group> groups;

    public WhatIfReport(WhatIf whatIf, Proposal proposal, FlowRecords.Read read) {
        this.whatIf = whatIf;
        this.proposal = proposal;
        this.read = read;
        this.groups = whatIf.groups();
    }

    /** The groups as a table of what a reviewer reads: names, not codes, where there are names. */
    public Table table() {
        List<List<Object>> rows = new ArrayList<>();
        for (WhatIf.Group g : groups) {
            WhatIf.Key k = g.key();
            List<Object> row = new ArrayList<>();
            row.add(k.change().code());
            row.add(k.interfaceId());
            row.add(owner(k));
            row.add(k.peer() == null ? null : k.peer().toString());
            boolean addressIsOwner = k.peer() != null && k.peer().toString().equals(k.peerOwnerId());
            row.add(
                    k.peerOwnerId() == null || addressIsOwner
                            ? codeOf(k.peerKind())
                            : codeOf(k.peerKind()) + " " + k.peerOwnerId());
            row.add(protocol(k.protocol()));
            row.add(k.port() < 0 ? null : k.port());
            row.add(codeOf(k.direction()));
            row.add(g.flows());
            row.add(g.packets());
            row.add(g.bytes());
            row.add(time(g.firstSeen()));
            row.add(time(g.lastSeen()));
            row.add(rule(codeOf(k.verdictBefore()), k.groupBefore(), k.ruleBefore()));
            row.add(after(k));
            rows.add(row);
        }
        return new Table(COLUMNS, rows);
    }

    /** A few lines a reader takes in first: how much was judged, and what would break and open. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "judged %,d flows of %,d records in %,d files again under the proposal (changed: %s)",
                whatIf.judged(),
                read.records(),
                read.files(),
                proposal.changedGroups().isEmpty() && proposal.acls().isEmpty()
                        ? "nothing"
                        : String.join(", ", changes())));
        for (WhatIf.Change c : WhatIf.Change.values()) {
            WhatIf.Totals t = whatIf.totals(c);
            lines.add(String.format(
                    "%s: %,d flows, %,d packets, %,d bytes", label(c), t.flows(), t.packets(), t.bytes()));
        }
        proposal.unresolved().forEach(u -> lines.add("unresolved: " + u));
        proposal.notices().forEach(n -> lines.add("note: " + n));
        return lines;
    }

    private List<String> changes() {
        List<String> all = new ArrayList<>(proposal.changedGroups());
        all.addAll(proposal.acls().keySet().stream().sorted().toList());
        return all;
    }

    private static String label(WhatIf.Change c) {
        return switch (c) {
            case WOULD_BLOCK -> "would block";
            case WOULD_ALLOW -> "would allow";
            case VERDICT_ONLY -> "verdict changes only (no traffic change)";
        };
    }

    /** One object per group, then {@code {"summary": true, ...}}. */
    public void json(PrintWriter out) throws JsonProcessingException {
        for (WhatIf.Group g : groups) {
            WhatIf.Key k = g.key();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("change", k.change().code());
            o.put("interface", k.interfaceId());
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("kind", codeOf(k.ownerKind()));
            owner.put("id", k.ownerId());
            owner.put("name", k.ownerName());
            o.put("owner", owner);
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("address", k.peer() == null ? null : k.peer().toString());
            peer.put("kind", codeOf(k.peerKind()));
            peer.put("id", k.peerOwnerId());
            o.put("peer", peer);
            o.put("protocol", k.protocol());
            o.put("port", k.port() < 0 ? null : k.port());
            o.put("direction", codeOf(k.direction()));
            o.put("flows", g.flows());
            o.put("packets", g.packets());
            o.put("bytes", g.bytes());
            o.put("firstSeen", time(g.firstSeen()));
            o.put("lastSeen", time(g.lastSeen()));
            o.put("before", judged(codeOf(k.verdictBefore()), k.groupBefore(), k.ruleBefore()));
            Map<String, Object> after = judged(codeOf(k.verdictAfter()), k.groupAfter(), k.ruleAfter());
            after.put("deniedBy", k.deniedAfter());
            o.put("after", after);
            out.println(JSON.writeValueAsString(o));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("summary", true);
        s.put("flowsJudged", whatIf.judged());
        s.put("wouldBlock", totals(whatIf.totals(WhatIf.Change.WOULD_BLOCK)));
        s.put("wouldAllow", totals(whatIf.totals(WhatIf.Change.WOULD_ALLOW)));
        s.put("verdictOnly", totals(whatIf.totals(WhatIf.Change.VERDICT_ONLY)));
        s.put("changed", changes());
        s.put("unresolved", proposal.unresolved());
        s.put("notices", proposal.notices());
        s.put("records", read.records());
        s.put("deadLetters", read.deadLetters());
        out.println(JSON.writeValueAsString(s));
    }

    /** A page for a reviewer on its own: the totals, then each kind of change as its own table. */
    public String html(String proposalName) {
        return page(proposalName, List.of(), "whatif.html");
    }

    /** The page, linked to {@code set} (empty for a page on its own); {@code file} is its name in the set. */
    public String page(String proposalName, List<Page.Link> set, String file) {
        Page p = new Page("What would change: " + proposalName, set, file);
        p.list(summaryLines(), "summary");
        Table all = table();
        for (WhatIf.Change c : WhatIf.Change.values()) {
            List<List<Object>> rows = all.rows().stream()
                    .filter(r -> c.code().equals(r.get(0)))
                    .map(r -> r.subList(1, r.size()))
                    .toList();
            p.heading(label(c) + " (" + Units.count(rows.size()) + " groups)", c.code());
            if (!rows.isEmpty()) {
                Table byOwner = byOwnerAndRule(c);
                List<BarChart.Bar> bars = new ArrayList<>();
                for (List<Object> r : byOwner.rows()) {
                    bars.add(new BarChart.Bar(
                            r.get(0) + ": " + r.get(1) + " \u2192 " + r.get(2),
                            ((Number) r.get(6)).doubleValue(),
                            // Red and orange mean unexpected verdicts on every page; a change is not one.
                            "v-plain"));
                }
                p.bars(label(c) + " by owner and rule", bars, Units::bytes, "bytes");
                p.subheading("By owner and rule");
                p.table(byOwner, "by-owner");
                p.subheading("Every group");
                p.table(new Table(COLUMNS.subList(1, COLUMNS.size()), rows), "groups");
            }
        }
        return p.done();
    }

    /** One change's groups summed by owner and by the rule before and after: what a reviewer reads first. */
    private Table byOwnerAndRule(WhatIf.Change c) {
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        Map<List<String>, java.util.Set<String>> peers = new java.util.HashMap<>();
        for (WhatIf.Group g : groups) {
            WhatIf.Key k = g.key();
            if (k.change() != c) {
                continue;
            }
            List<String> key = java.util.Arrays.asList(
                    owner(k), rule(codeOf(k.verdictBefore()), k.groupBefore(), k.ruleBefore()), after(k));
            long[] t = sums.computeIfAbsent(key, x -> new long[3]);
            t[0] += g.flows();
            t[1] += g.packets();
            t[2] += g.bytes();
            peers.computeIfAbsent(key, x -> new java.util.HashSet<>()).add(String.valueOf(k.peer()));
        }
        List<List<Object>> rows = new ArrayList<>();
        sums.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[2], a.getValue()[2]))
                .forEach(e -> rows.add(java.util.Arrays.asList(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getKey().get(2),
                        (long) peers.get(e.getKey()).size(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2])));
        return new Table(List.of("owner", "before", "after", "peers", "flows", "packets", "bytes"), rows);
    }

    private static Map<String, Object> totals(WhatIf.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flows", t.flows());
        m.put("packets", t.packets());
        m.put("bytes", t.bytes());
        return m;
    }

    private static Map<String, Object> judged(String verdict, String group, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict);
        m.put("sg", group);
        m.put("rule", rule);
        return m;
    }

    private static String owner(WhatIf.Key k) {
        String id = k.ownerName() != null ? k.ownerName() : k.ownerId();
        return k.ownerKind() == null ? null : id == null ? codeOf(k.ownerKind()) : codeOf(k.ownerKind()) + " " + id;
    }

    /** The judgement under the proposal, and the proposed network ACL entry that would deny it. */
    private static String after(WhatIf.Key k) {
        return rule(codeOf(k.verdictAfter()), k.groupAfter(), k.ruleAfter())
                + (k.deniedAfter() == null ? "" : ", denied by " + k.deniedAfter());
    }

    private static String rule(String verdict, String group, String rule) {
        return verdict + (group == null ? "" : " by " + group + (rule == null ? "" : " " + rule));
    }

    private static String protocol(int p) {
        String name = RuleKey.protocolName(p);
        return p < 0 ? null : name != null ? name : Integer.toString(p);
    }

    private static String time(long epochSecond) {
        return epochSecond < 0 ? null : Instant.ofEpochSecond(epochSecond).toString();
    }
}
