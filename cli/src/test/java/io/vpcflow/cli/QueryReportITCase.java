package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code vpcflow query} and {@code vpcflow report} on the replay of sample-data. */
class QueryReportITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path out;

    @BeforeAll
    static void replay() {
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
                "2");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void queryAnswersAsJsonLinesMatchingTheExpectedResults() throws Exception {
        CliRun run = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--json",
                "SELECT verdict, count(*) AS n FROM flows GROUP BY 1 ORDER BY 1");
        assertThat(run.exit()).isZero();
        Map<String, Long> got = new HashMap<>();
        for (String line : run.out().strip().split("\n")) {
            JsonNode o = JSON.readTree(line);
            got.put(o.get("verdict").asText(), o.get("n").asLong());
        }
        JsonNode expected =
                JSON.readTree(SAMPLE.resolve("expected.json").toFile()).get("verdicts");
        expected.fieldNames()
                .forEachRemaining(v ->
                        assertThat(got.get(v)).as(v).isEqualTo(expected.get(v).asLong()));
        assertThat(got).hasSize(expected.size());
    }

    @Test
    void everyTableHasAViewAndPartitionsAreColumns() {
        CliRun run = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT (SELECT count(*) FROM verdict_stats) > 0 AS a, (SELECT count(*) FROM rule_usage) > 0 AS b, "
                        + "(SELECT count(*) FROM dead_letters) AS c, (SELECT count(*) FROM enis) > 0 AS d, "
                        + "(SELECT count(*) FROM sg_rules) > 0 AS e, (SELECT min(dt) FROM flows) AS f");
        assertThat(run.out().strip()).isEqualTo("a,b,c,d,e,f\ntrue,true,4,true,true,2026-11-26");
    }

    @Test
    void aBadQueryIsOneLine() {
        CliRun run = CliRun.of("query", "--warehouse", out.toString(), "SELEC nonsense");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().startsWith("vpcflow: the query failed:");
        CliRun none = CliRun.of("query", "--warehouse", dir.resolve("nothing").toString(), "SELECT 1");
        assertThat(none.err().strip()).startsWith("vpcflow: no tables at");
    }

    @Test
    void aQueryReadsTheWarehouseAndNothingElseUnlessUnrestricted() throws Exception {
        Path written = dir.resolve("written.csv");
        for (String sql : new String[] {
            "COPY (SELECT 1) TO '" + written + "'",
            "ATTACH '" + dir.resolve("other.db") + "' AS other",
            "INSTALL httpfs",
            "SET enable_external_access = true",
            "SELECT 1; COPY flows TO '" + written + "'",
        }) {
            CliRun run = CliRun.of("query", "--warehouse", out.toString(), sql);
            assertThat(run.exit()).as(sql).isEqualTo(2);
            assertThat(run.err().strip())
                    .as(sql)
                    .isEqualTo("vpcflow: query runs SELECT statements only (it reads the tables and writes nothing): "
                            + "give --unrestricted for COPY, ATTACH, SET and the rest of DuckDB");
        }
        // A SELECT may read files by name: only the warehouse's own are there for it.
        Path outside = Files.writeString(dir.resolve("outside.csv"), "secret\nsecret-value-7f3a\n");
        CliRun read = CliRun.of("query", "--warehouse", out.toString(), "SELECT * FROM read_csv('" + outside + "')");
        assertThat(read.exit()).isEqualTo(2);
        assertThat(read.err()).startsWith("vpcflow: the query failed:").doesNotContain("secret-value-7f3a");
        assertThat(written).doesNotExist();

        CliRun copy = CliRun.of(
                "query",
                "--unrestricted",
                "--warehouse",
                out.toString(),
                "COPY (SELECT count(*) AS n FROM flows) TO '" + written + "'");
        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(Files.readString(written)).isEqualTo("n\n3013\n");
        CliRun other = CliRun.of(
                "query",
                "--unrestricted",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT * FROM read_csv('" + outside + "')");
        assertThat(other.out()).contains("secret-value-7f3a");
    }

    @Test
    void aWarehouseWhoseNameHoldsPatternCharactersReadsItsOwnTablesOnly() throws Exception {
        // x1 holds every flow twice: a pattern that read "x[1]" as a character class would count it.
        Path sibling = dir.resolve("x1");
        TestFiles.copyTree(out, sibling);
        Path flows = sibling.resolve("flows");
        try (var files = Files.walk(flows)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Files.copy(f, f.resolveSibling("again-" + f.getFileName()));
            }
        }
        for (String name : new String[] {"x[1]", "x*", "x?", "x{1}"}) {
            Path tricky = dir.resolve(name);
            TestFiles.copyTree(out, tricky);
            CliRun run =
                    CliRun.of("query", "--warehouse", tricky.toString(), "--csv", "SELECT count(*) AS n FROM flows");
            assertThat(run.exit()).as(name + ": " + run.err()).isZero();
            assertThat(run.out()).as(name).isEqualTo("n\n3013\n");
            assertThat(report(tricky, "owners")).as(name).isEqualTo(report("owners"));
        }
    }

    @Test
    void reportsAnswerTheQuestionsUsersAsk() {
        assertThat(report("unexpected")).contains("nacl_deny", "rule_changed", "3306", "9000");
        assertThat(report("unused-rules"))
                .contains(
                        "sgr-0web80",
                        "no traffic",
                        "open to everyone, used by 2 address(es): 198.51.100.7 198.51.100.8");
        assertThat(report("top-talkers")).contains("lambda invoices,orders,refunds");
        assertThat(report("owners"))
                .contains("nat_gateway", "eks_pod", "vpc_endpoint", "efs", "ecs_task", "alb", "nlb");
        assertThat(report("lambda")).contains("invoices, orders, refunds");
        CliRun bad = CliRun.of("report", "nonsense", "--warehouse", out.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("choose one of unexpected, unused-rules, top-talkers, owners, lambda or all");
    }

    @Test
    void aReportsPageIsSelfContainedWellFormedAndHoldsItsChartAndItsTable() throws Exception {
        Path page = dir.resolve("unexpected.html");
        CliRun run = CliRun.of("report", "unexpected", "--warehouse", out.toString(), "--html", page.toString());
        assertThat(run.exit()).isZero();
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("https://");
        // A page on its own links to no other page.
        assertThat(html).doesNotContain("<nav>");
        Document doc = parse(page);
        // The bars by reason: unexpected_reject (nacl_deny) and unexpected_accept (rule_changed).
        NodeList rects = doc.getElementsByTagNameNS(SVG, "rect");
        int bars = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            bars += ((Element) rects.item(i)).getAttribute("class").equals("bar") ? 1 : 0;
        }
        assertThat(bars).isEqualTo(2);
        Element report = table(doc, "report");
        assertThat(report.getElementsByTagNameNS(XHTML, "tr").getLength()).isEqualTo(1 + countRows("unexpected"));

        Path talkers = dir.resolve("talkers.html");
        assertThat(CliRun.of("report", "top-talkers", "--warehouse", out.toString(), "--html", talkers.toString())
                        .exit())
                .isZero();
        Document t = parse(talkers);
        assertThat(table(t, "matrix").getTextContent()).contains("lambda", "rds");
        assertThat(t.getElementsByTagNameNS(SVG, "circle").getLength()).isGreaterThan(10);
    }

    @Test
    void reportAllPrintsEveryReportAndRefusesOptionsItCannotUse() {
        CliRun all = CliRun.of("report", "all", "--warehouse", out.toString());
        assertThat(all.exit()).as(all.err()).isZero();
        for (io.vpcflow.query.Reports.Report r : io.vpcflow.query.Reports.ALL.values()) {
            assertThat(all.out()).contains(r.title());
        }
        CliRun single = CliRun.of("report", "owners", "--warehouse", out.toString(), "--inventory", "x");
        assertThat(single.exit()).isEqualTo(2);
        assertThat(single.err().strip())
                .isEqualTo("vpcflow: --inventory and --proposed fill pages of report all --html DIR only");
        CliRun noInventory = CliRun.of(
                "report",
                "all",
                "--warehouse",
                out.toString(),
                "--html",
                dir.resolve("p").toString(),
                "--proposed",
                "x");
        assertThat(noInventory.err().strip())
                .isEqualTo("vpcflow: --proposed needs --inventory, the inventory the proposal changes");
    }

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private static Document parse(Path page) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(page.toFile());
    }

    private static Element table(Document doc, String cssClass) {
        NodeList tables = doc.getElementsByTagNameNS(XHTML, "table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            if (t.getAttribute("class").equals(cssClass)) {
                return t;
            }
        }
        throw new AssertionError("no table." + cssClass);
    }

    private static long countRows(String name) {
        String text = report(name);
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        return Long.parseLong(last.replaceAll("\\((\\d+) rows?\\)", "$1"));
    }

    private static String report(String name) {
        return report(out, name);
    }

    private static String report(Path warehouse, String name) {
        CliRun run = CliRun.of("report", name, "--warehouse", warehouse.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out();
    }
}
