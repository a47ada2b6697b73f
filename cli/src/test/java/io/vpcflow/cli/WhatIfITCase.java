package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.delivery.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code vpcflow whatif} on the replay of sample-data: its totals against the job's own judgement in the flows table,
 * the flows table and the raw logs giving one answer, the CI gate's exit status, the page, and user mistakes.
 */
class WhatIfITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path out;
    static Path removed443;
    /** A plan with a hostile address (an unresolved rule, named on the page) that removes web's 443 rule. */
    static Path hostile;

    @BeforeAll
    static void replay() throws IOException {
        out = dir.resolve("out");
        CliRun run = CliRun.of(
                "replay",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "1");
        assertThat(run.exit()).as(run.err()).isZero();
        // The latest snapshot's groups with web's inbound 443 rule taken out. They replace the groups at every record's
        // time: in the 12:00 hour, app's port-9000 rule still stood (it was gone by 13:00), so that breaks too.
        removed443 = TestFiles.withoutWeb443(
                SAMPLE.resolve("inventory/2026-11-26T13:00:00Z/describe-security-groups.json"),
                dir.resolve("removed-443"));
        hostile = dir.resolve("hostile.json");
        Files.writeString(hostile, """
                {"format_version": "1.2", "resource_changes": [
                  {"address": "aws_security_group_rule.y<script>window.pwned=1</script>", "mode": "managed",
                   "type": "aws_security_group_rule", "name": "y",
                   "change": {"actions": ["create"], "before": null,
                    "after": {"type": "ingress", "protocol": "tcp", "from_port": 1, "to_port": 2, "cidr_blocks": ["10.0.0.0/8"]},
                    "after_unknown": {"security_group_id": true}}},
                  {"address": "aws_security_group_rule.x", "mode": "managed",
                   "type": "aws_security_group_rule", "name": "x",
                   "change": {"actions": ["delete"], "after": null,
                    "before": {"type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443,
                               "cidr_blocks": ["0.0.0.0/0"], "security_group_id": "sg-0web"}}}]}
                """);
    }

    static CliRun whatif(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "whatif",
                "--warehouse",
                out.toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static CliRun suggest(Path to) {
        return CliRun.of(
                "suggest",
                "--warehouse",
                out.toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                to.toString());
    }

    static List<JsonNode> lines(CliRun run) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    static String query(String sql) {
        CliRun q = CliRun.of("query", "--warehouse", out.toString(), "--csv", sql);
        assertThat(q.exit()).as(q.err()).isZero();
        return q.out().strip().split("\n")[1];
    }

    @Test
    void removingARuleBreaksExactlyTheFlowsTheJobSawItAllowAndTheGateFails() throws IOException {
        CliRun run = whatif("--proposed", removed443.toString(), "--json", "--fail-on-block");
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        List<JsonNode> lines = lines(run);
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.path("summary").asBoolean()).isTrue();
        // The job judged these same records when it wrote the table: what that rule allowed is what breaks.
        String expected = query("SELECT count(*), sum(packets), sum(bytes) FROM flows "
                + "WHERE sg_rule_id IN ('sgr-0web443', 'sgr-0app9000') AND verdict = 'allowed'");
        JsonNode block = summary.path("wouldBlock");
        assertThat(block.path("flows").asLong() + "," + block.path("packets").asLong() + ","
                        + block.path("bytes").asLong())
                .isEqualTo(expected);
        assertThat(summary.path("flowsJudged").asLong())
                .isEqualTo(Long.parseLong(query("SELECT count(*) FROM flows WHERE verdict <> 'not_evaluated'")));
        assertThat(summary.path("wouldAllow").path("flows").asLong()).isZero();
        assertThat(summary.path("changed")).extracting(JsonNode::asText).containsExactly("sg-0app", "sg-0web");
        long sum = 0;
        for (JsonNode g : lines.subList(0, lines.size() - 1)) {
            assertThat(g.path("change").asText()).isEqualTo("would_block");
            assertThat(g.path("port").asInt() + " "
                            + g.path("before").path("rule").asText())
                    .isIn("443 sgr-0web443", "9000 sgr-0app9000");
            assertThat(g.path("after").path("verdict").asText()).isEqualTo("unexpected_accept");
            assertThat(g.path("owner").path("kind").asText()).isEqualTo("ec2_instance");
            sum += g.path("flows").asLong();
        }
        assertThat(sum).isEqualTo(block.path("flows").asLong());
    }

    @Test
    void theRawLogsGiveTheSameAnswerAsTheFlowsTable() throws IOException {
        List<JsonNode> table = lines(whatif("--proposed", removed443.toString(), "--json"));
        CliRun raw = whatif(
                "--proposed",
                removed443.toString(),
                "--json",
                "--input",
                SAMPLE.resolve("flowlogs").toString());
        assertThat(raw.exit()).as(raw.err()).isZero();
        List<JsonNode> logs = lines(raw);
        assertThat(logs.subList(0, logs.size() - 1)).isEqualTo(table.subList(0, table.size() - 1));
        for (String field : List.of("flowsJudged", "wouldBlock", "wouldAllow", "verdictOnly")) {
            assertThat(logs.get(logs.size() - 1).path(field))
                    .as(field)
                    .isEqualTo(table.get(table.size() - 1).path(field));
        }
        // The raw logs hold the sample's four malformed lines, which the flows table never had.
        assertThat(logs.get(logs.size() - 1).path("deadLetters").asLong()).isEqualTo(4);
        assertThat(raw.err()).contains("4 records could not be read");
    }

    @Test
    void aPlanThatOpensAPortBreaksNothingAndTheGatePasses() throws IOException {
        Path plan = dir.resolve("open-22.json");
        Files.writeString(plan, """
                {"format_version": "1.2", "resource_changes": [
                  {"address": "aws_vpc_security_group_ingress_rule.ssh", "mode": "managed",
                   "type": "aws_vpc_security_group_ingress_rule", "name": "ssh",
                   "change": {"actions": ["create"], "before": null,
                    "after": {"security_group_id": "sg-0web", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp",
                              "from_port": 22, "to_port": 22}, "after_unknown": {"id": true}}}]}
                """);
        CliRun run = whatif("--proposed", plan.toString(), "--json", "--fail-on-block");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run);
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.path("wouldBlock").path("flows").asLong()).isZero();
        assertThat(summary.path("wouldAllow").path("flows").asLong())
                .isEqualTo(Long.parseLong(query("SELECT count(*) FROM flows WHERE verdict = 'blocked' "
                        + "AND interface_id IN ('eni-0a1b2c3d4e5f60100', 'eni-0a1b2c3d4e5f60101') AND dstport = 22")))
                .isPositive();
        assertThat(lines.get(0).path("after").path("rule").asText())
                .isEqualTo("aws_vpc_security_group_ingress_rule.ssh");
    }

    @Test
    void thePageHoldsTheResultWithEveryPlanTextEscaped() throws Exception {
        Path page = dir.resolve("whatif.html");
        CliRun run = whatif("--proposed", hostile.toString(), "--html", page.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("unresolved: aws_security_group_rule.y<script>");
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script").contains("y&lt;script&gt;window.pwned=1&lt;/script&gt;");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        assertThat(d.getElementsByTagName("h2").getLength()).isEqualTo(3);
        // One row per group, and a header row, in the would-block table (the other two are empty).
        int groups = lines(whatif("--proposed", hostile.toString(), "--json")).size() - 1;
        assertThat(groups).isPositive();
        assertThat(d.getElementsByTagName("h3").getLength()).isEqualTo(2);
        assertThat(rows(d, "groups")).isEqualTo(groups + 1);
        // By owner and rule: web-1 and web-2, each with the one rule that goes.
        assertThat(rows(d, "by-owner")).isEqualTo(3);
        // Counts read as counts on the page, as on the terminal: 305,551, not 305551.
        assertThat(html).contains("<td class=\"n\">305,551</td>").doesNotContain(">305551<");
    }

    /** The rows (a header row included) of the page's table of that class. */
    static int rows(Document d, String cssClass) {
        org.w3c.dom.NodeList tables = d.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            org.w3c.dom.Element t = (org.w3c.dom.Element) tables.item(i);
            if (t.getAttribute("class").equals(cssClass)) {
                return t.getElementsByTagName("tr").getLength();
            }
        }
        throw new AssertionError("no table " + cssClass);
    }

    @Test
    void mistakesAreOneSentence() throws IOException {
        CliRun missing = whatif("--proposed", dir.resolve("nothing-here").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("vpcflow: no such file or folder: " + dir.resolve("nothing-here"));

        Path noFlows = dir.resolve("no-flows");
        Files.createDirectories(noFlows);
        for (Path f : LocalFiles.walk(List.of(out)).files()) {
            Path rel = out.relativize(f);
            if (!rel.startsWith("flows")) {
                Files.createDirectories(noFlows.resolve(rel).getParent());
                Files.copy(f, noFlows.resolve(rel));
            }
        }
        CliRun none = CliRun.of(
                "whatif",
                "--warehouse",
                noFlows.toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--proposed",
                removed443.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err())
                .startsWith("vpcflow: every record is needed: ")
                .contains("--input")
                .doesNotContain("\tat ");

        Path notAPlan = Files.writeString(dir.resolve("plan.txt"), "not json");
        CliRun bad = whatif("--proposed", notAPlan.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("vpcflow: " + notAPlan + " is not JSON (line 1)");

        CliRun order = whatif("--proposed", removed443.toString(), "--from", "2026-11-27", "--to", "2026-11-26");
        assertThat(order.err().strip()).isEqualTo("vpcflow: --from must be before --to");
        CliRun time = whatif("--proposed", removed443.toString(), "--from", "yesterday");
        assertThat(time.exit()).isEqualTo(2);
        assertThat(time.err()).contains("'yesterday' is not a time such as 2026-11-26T12:00:00Z or 2026-11-26");
    }

    @Test
    void thePeriodLimitsWhatIsJudged() throws IOException {
        List<JsonNode> lines = lines(whatif(
                "--proposed",
                removed443.toString(),
                "--json",
                "--from",
                "2026-11-26T13:00:00Z",
                "--to",
                "2026-11-26T14:00:00Z"));
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.path("wouldBlock").path("flows").asLong())
                .isEqualTo(Long.parseLong(query("SELECT count(*) FROM flows WHERE sg_rule_id = 'sgr-0web443' "
                        + "AND verdict = 'allowed' AND start >= 1795698000 AND start < 1795701600")));
        for (JsonNode g : lines.subList(0, lines.size() - 1)) {
            assertThat(g.path("firstSeen").asText()).startsWith("2026-11-26T13:");
        }
    }

    @Test
    void suggestWritesAProposalThatWhatIfFindsBreaksNothing() throws IOException {
        Path suggestion = dir.resolve("suggestion");
        CliRun run = suggest(suggestion);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("the suggestion blocks 0 of ")
                // In the 12:00 hour app's 9000 rule stood; it is gone from the groups the suggestion starts from.
                .contains("flows (")
                .contains("were allowed by rules that no longer stand (sg-0app sgr-0app9000)");
        assertThat(Files.readString(suggestion.resolve("report.txt")))
                .contains("sgr-0web443  inbound tcp 443 from 0.0.0.0/0: 576 flows from 60 peers; narrow to")
                .contains("      inbound tcp 443 from 203.0.113.0/26")
                .contains("sgr-0web80  inbound tcp 80 from 0.0.0.0/0: no flow used it; remove");
        assertThat(Files.readString(suggestion.resolve("suggested.tf")))
                .contains("resource \"aws_vpc_security_group_ingress_rule\" \"vpcflow_sgr_0web443_narrowed_1\" {\n"
                        + "  security_group_id = \"sg-0web\"\n  ip_protocol = \"tcp\"\n  from_port = 443\n"
                        + "  to_port = 443\n  cidr_ipv4 = \"203.0.113.0/26\"\n");
        JsonNode summary = JSON.readTree(suggestion.resolve("suggestion.json").toFile());
        assertThat(summary.path("selfCheckWouldBlock").asLong()).isZero();

        // The written proposal, given to whatif as a user would: all it blocks is what the rule gone at 13:00
        // allowed before; from 13:00 on, nothing, and the gate passes.
        CliRun check = whatif("--proposed", suggestion.resolve("inventory").toString(), "--json");
        List<JsonNode> lines = lines(check);
        for (JsonNode g : lines.subList(0, lines.size() - 1)) {
            if (g.path("change").asText().equals("would_block")) {
                assertThat(g.path("before").path("rule").asText()).isEqualTo("sgr-0app9000");
            }
        }
        assertThat(lines.get(lines.size() - 1).path("wouldBlock").path("flows").asLong())
                .isEqualTo(summary.path("allowedByRulesNoLongerStanding").asLong())
                .isPositive();
        CliRun now = whatif(
                "--proposed",
                suggestion.resolve("inventory").toString(),
                "--json",
                "--fail-on-block",
                "--from",
                "2026-11-26T13:00:00Z");
        assertThat(now.exit()).as(now.err()).isZero();
        JsonNode result = lines(now).get(lines(now).size() - 1);
        assertThat(result.path("wouldBlock").path("flows").asLong()).isZero();
        assertThat(result.path("changed")).extracting(JsonNode::asText).contains("sg-0web", "sg-0alb", "sg-0fn");

        // Run again into the same folder: the earlier suggestion is replaced; a folder of other files is refused.
        assertThat(suggest(suggestion).exit()).isZero();
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        CliRun refused = suggest(other);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip())
                .isEqualTo("vpcflow: --out " + other
                        + " holds files that are not a suggestion: give an empty or new folder");
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void thePagesOpenInARealBrowserShowTheResultAndRequestNothing() throws Exception {

        Path page = dir.resolve("whatif-browser.html");
        assertThat(whatif("--proposed", hostile.toString(), "--html", page.toString())
                        .exit())
                .isZero();
        Path report = dir.resolve("report-browser.html");
        CliRun r = CliRun.of("report", "unexpected", "--warehouse", out.toString(), "--html", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        int groups = lines(whatif("--proposed", hostile.toString(), "--json")).size() - 1;

        Path shots = Paths.get("target", "screenshots");
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            HeadlessChromium.Opened w = chromium.open(page, shots.resolve("whatif.png"));
            assertThat(w.requests()).containsExactly(page.toUri().toString());
            assertThat(w.inked()).isGreaterThan(0.02);
            assertThat(w.driver().findElements(org.openqa.selenium.By.cssSelector("h2")))
                    .hasSize(3);
            // The would-block table: a header row and one row per group, every one about port 443 of sg-0web.
            assertThat(w.driver().findElements(org.openqa.selenium.By.cssSelector("table.groups tr")))
                    .hasSize(groups + 1);
            assertThat(w.driver().executeScript("return document.scripts.length + (window.pwned ? 100 : 0)"))
                    .isEqualTo(0L);
            assertThat(w.driver()
                            .findElement(org.openqa.selenium.By.tagName("body"))
                            .getText())
                    .contains("<script>window.pwned=1</script>");

            HeadlessChromium.Opened p = chromium.open(report, shots.resolve("report-unexpected.png"));
            assertThat(p.requests()).containsExactly(report.toUri().toString());
            assertThat(p.inked()).isGreaterThan(0.02);
            assertThat(p.driver().findElements(org.openqa.selenium.By.cssSelector("svg")))
                    .isNotEmpty();
        }
    }
}
