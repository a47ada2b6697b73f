package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;

/**
 * {@code vpcflow report all --html DIR} on the replay of sample-data, every page opened in headless Chromium: not
 * blank, nothing requested from outside, the axes, nodes and rows the sample should give, one colour per verdict on
 * every page, and text from the inventory shown, not run. The sample's database security group is renamed to a
 * script, so every page that names the database's owner carries it. Screenshots stay in target/screenshots.
 */
class ReportPagesITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "db<script>window.pwned=1</script>";
    private static final List<String> PAGES =
            List.of("index", "traffic", "unexpected", "talkers", "owners", "rules", "suggest", "whatif", "lambda");

    @TempDir
    static Path dir;

    static Path pages;
    static HeadlessChromium chromium;

    @BeforeAll
    static void replayAndWriteThePages() throws IOException {
        Path inventory = dir.resolve("inventory");
        TestFiles.copyTree(SAMPLE.resolve("inventory"), inventory);
        for (String snapshot : List.of("2026-11-26T12:00:00Z", "2026-11-26T13:00:00Z")) {
            Path groups = inventory.resolve(snapshot).resolve("describe-security-groups.json");
            Files.writeString(
                    groups,
                    Files.readString(groups)
                            .replace("\"GroupName\" : \"db\"", "\"GroupName\" : " + JSON.writeValueAsString(HOSTILE)));
        }
        assertThat(Files.readString(inventory.resolve("2026-11-26T13:00:00Z/describe-security-groups.json")))
                .contains("window.pwned");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "replay",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--inventory",
                inventory.toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "1");
        assertThat(run.exit()).as(run.err()).isZero();
        Path proposal = TestFiles.withoutWeb443(
                inventory.resolve("2026-11-26T13:00:00Z/describe-security-groups.json"), dir.resolve("removed-443"));
        pages = dir.resolve("pages");
        CliRun report = CliRun.of(
                "report",
                "all",
                "--warehouse",
                out.toString(),
                "--html",
                pages.toString(),
                "--inventory",
                inventory.toString(),
                "--proposed",
                proposal.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("wrote 9 pages into " + pages);
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static HeadlessChromium.Opened open(String page) throws IOException {
        Path file = pages.resolve(page + ".html");
        HeadlessChromium.Opened o = chromium.open(file, Paths.get("target", "screenshots", "report-" + page + ".png"));
        assertThat(o.requests()).as(page).containsExactly(file.toUri().toString());
        return o;
    }

    private static List<String> texts(ChromeDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute("textContent"))
                .toList();
    }

    @Test
    void everyPageIsDrawnRequestsNothingRunsNoScriptAndLinksToEveryOther() throws IOException {
        for (String page : PAGES) {
            HeadlessChromium.Opened o = open(page);
            assertThat(o.inked()).as(page).isGreaterThan(0.02);
            ChromeDriver d = o.driver();
            assertThat(d.executeScript("return document.scripts.length + (window.pwned ? 100 : 0)"))
                    .as(page)
                    .isEqualTo(0L);
            List<WebElement> links = d.findElements(By.cssSelector("nav a"));
            assertThat(links).as(page).hasSize(PAGES.size());
            for (WebElement a : links) {
                assertThat(pages.resolve(a.getAttribute("href").replaceAll(".*/", "")))
                        .exists();
            }
            assertThat(d.findElements(By.cssSelector("nav a.current")).get(0).getAttribute("href"))
                    .endsWith("/" + page + ".html");
            if (!page.equals("suggest") && !page.equals("whatif")) {
                assertThat(d.findElements(By.cssSelector("svg"))).as(page).isNotEmpty();
            }
        }
        // A link goes where it says.
        ChromeDriver d = open("index").driver();
        d.findElement(By.linkText("Who talks to whom")).click();
        assertThat(d.getCurrentUrl()).endsWith("/talkers.html");
    }

    @Test
    void trafficOverTimeHasATimeAxisALogScaleForBytesAndALegendOfVerdicts() throws IOException {
        ChromeDriver d = open("traffic").driver();
        List<WebElement> charts = d.findElements(By.cssSelector("svg.chart.time"));
        assertThat(charts).hasSize(2);
        // The sample spans 12:00 to 15:00 UTC on 2026-11-26, ticked every half hour.
        assertThat(texts(d, "svg.chart.time .axis.x .tick"))
                .containsSubsequence("12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00");
        assertThat(texts(d, "svg.chart.time .axis.x .axis-title")).containsOnly("time, UTC, 2026-11-26");
        List<String> yTitles = texts(d, "svg.chart.time .axis.y .axis-title");
        assertThat(yTitles.get(0)).isEqualTo("bytes per 5-minute window (log scale)");
        assertThat(yTitles.get(1)).isEqualTo("flows per 5-minute window");
        // The 4.5 GB record sits under the 10 GB tick; the smallest windows stay visible decades below it.
        assertThat(texts(d, "svg.chart.time:first-of-type .axis.y .tick")).contains("1 kB", "1 MB", "1 GB", "10 GB");
        assertThat(texts(d, "svg.chart.time .legend .legend-label"))
                .containsSubsequence("allowed", "blocked", "unexpected_accept", "unexpected_reject", "not_evaluated");
        assertThat(d.findElements(By.cssSelector("svg.chart.time .series path.line")))
                .hasSize(10);
        // Totals in the table and the overview's bars are written one way: 2,379 allowed.
        assertThat(d.findElement(By.cssSelector("table.totals")).getText()).contains("allowed 2,379");
        assertThat(texts(open("index").driver(), "svg .bar-value")).contains("2,379", "196", "93", "44", "301");
    }

    @Test
    void aVerdictHasOneColourOnEveryPage() throws IOException {
        String script = "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);";
        Object onIndex = open("index").driver().executeScript(script, ".v-unexpected_accept .bar", "fill");
        Object inLegend =
                open("unexpected").driver().executeScript(script, ".v-unexpected_accept .swatch", "background-color");
        Object inTable = open("traffic")
                .driver()
                .executeScript(script, "table.totals .v-unexpected_accept .swatch", "background-color");
        Object asLine = open("traffic").driver().executeScript(script, ".v-unexpected_accept .line", "stroke");
        assertThat(List.of(onIndex, inLegend, inTable, asLine)).containsOnly("rgb(197, 27, 27)");
        Object allowed = open("index").driver().executeScript(script, ".v-allowed .bar", "fill");
        assertThat(allowed).isEqualTo("rgb(27, 120, 55)");
    }

    @Test
    void whoTalksToWhomIsAGraphOfNamedOwnersWithTheUnexpectedEdgesMarked() throws IOException {
        ChromeDriver d = open("talkers").driver();
        List<String> nodes = texts(d, "svg.chart.graph .node-label");
        assertThat(nodes)
                .contains("internet", "lambda invoices,orders,refunds", "alb shop", "ec2_instance web-1", "nlb ingest")
                .contains("efs fs-0a1b2c3d")
                .anyMatch(n -> n.startsWith("rds " + HOSTILE.substring(0, 10)));
        assertThat(nodes).noneMatch(n -> n.contains("RDSNetworkInterface"));
        assertThat(d.findElements(By.cssSelector("svg.chart.graph .nodes circle")))
                .hasSize(nodes.size());
        // The NACL denies batch's connections to the database: those edges are the unexpected ones.
        List<String> unexpected = texts(d, "svg.chart.graph path.edge.unexpected title");
        assertThat(unexpected).anyMatch(t -> t.contains("rds ") && t.contains("ec2_instance batch-"));
        assertThat(texts(d, "svg.chart.graph path.edge:not(.unexpected) title"))
                .anyMatch(t -> t.contains("alb shop") && !t.contains("unexpected"));
        // The hostile group name is shown as text in the graph and the table, never made into markup.
        assertThat(d.findElement(By.tagName("body")).getText()).contains(HOSTILE);
        assertThat(d.findElements(By.cssSelector("table.matrix tr"))).hasSizeGreaterThan(5);
    }

    @Test
    void ruleUsageHasAStripPerRuleAndItsMarksLeadToTheSuggestion() throws IOException {
        ChromeDriver d = open("rules").driver();
        List<String> strips = texts(d, "svg.chart.heat .strip-label");
        // The latest snapshot's 23 rules with ids, grouped by security group.
        assertThat(strips).hasSize(23).contains("sgr-0web80 in tcp 80 0.0.0.0/0", "sgr-0app8080 in tcp 8080 sg-0alb");
        assertThat(texts(d, "svg.chart.heat .group-label")).contains("sg-0web (web)", "sg-0db (" + HOSTILE + ")");
        WebElement web80 = d.findElements(By.cssSelector("svg.chart.heat g.strip")).stream()
                .filter(g -> g.getAttribute("textContent").startsWith("sgr-0web80 "))
                .findFirst()
                .orElseThrow();
        assertThat(web80.getAttribute("class")).contains("marked");
        String href = web80.findElement(By.cssSelector("a")).getDomAttribute("href");
        assertThat(href).matches("suggest\\.html#s\\d+");
        assertThat(d.findElements(By.cssSelector("svg.chart.heat g.strip.marked")).stream()
                        .map(g -> g.getAttribute("textContent"))
                        .toList())
                .noneMatch(t -> t.startsWith("sgr-0app8080 "));
        // The used strips carry cells; web80 has none.
        assertThat(web80.findElements(By.cssSelector("rect.cell:not(.zero)"))).isEmpty();
        assertThat(d.findElements(By.cssSelector("svg.chart.heat rect.cell:not(.zero)")))
                .hasSizeGreaterThan(200);

        ChromeDriver s = open("suggest").driver();
        String anchor = href.substring(href.indexOf('#') + 1);
        assertThat(s.findElement(By.id(anchor)).getText()).isEqualTo("sgr-0web80: remove");
        assertThat(s.findElement(By.tagName("body")).getText()).contains("sgr-0web443: narrow");
    }

    @Test
    void theWhatIfAndLambdaPagesShowTheirResults() throws IOException {
        ChromeDriver w = open("whatif").driver();
        assertThat(w.findElements(By.cssSelector("h2"))).hasSize(3);
        assertThat(w.findElement(By.id("would_block")).getText()).startsWith("would block (");
        // Labels are cut to the margin; the tooltip holds the whole.
        assertThat(texts(w, "svg.chart.bars rect.bar title"))
                .anyMatch(l -> l.startsWith("ec2_instance web-1: allowed by sg-0web sgr-0web443 \u2192 "));
        assertThat(w.findElements(By.cssSelector("table.groups tr"))).hasSizeGreaterThan(1);

        ChromeDriver l = open("lambda").driver();
        assertThat(l.findElement(By.cssSelector("table.interfaces")).getText())
                .contains("eni-0a1b2c3d4e5f60405", "invoices, orders, refunds", "from the functions listed");
        assertThat(texts(l, "svg.chart.bars .bar-label")).anyMatch(t -> t.startsWith("invoices,orders,refunds"));
    }

    @Test
    void aPagePrintsWithoutItsLinks() throws IOException {
        ChromeDriver d = open("talkers").driver();
        byte[] pdf = Base64.getDecoder().decode(d.print(new PrintOptions()).getContent());
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        Path file = Paths.get("target", "screenshots", "report-talkers.pdf");
        Files.write(file, pdf);
        // On paper the links mean nothing: the print style hides them, and keeps the graph.
        assertThat(d.findElement(By.tagName("nav")).isDisplayed()).isTrue();
        d.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        assertThat(d.findElement(By.tagName("nav")).isDisplayed()).isFalse();
        assertThat(d.findElement(By.cssSelector("svg.chart.graph")).isDisplayed())
                .isTrue();
        d.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
    }
}
