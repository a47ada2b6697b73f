package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated estate as gzip text, as AWS's Parquet and as Security Lake's OCSF (written by our encoders,
 * {@code generate --output-format}), replayed with no flag: every table comes out identical, row for row. Only
 * where a row came from differs (the file's name, and a line number where a text file has a header line).
 */
class ParquetInputITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each table's rows, the columns that name the input file left out. */
    private static final Map<String, String> QUERIES = new TreeMap<>(Map.of(
            "flows", "SELECT * EXCLUDE (source, line_number) FROM flows",
            "verdict_stats", "SELECT * FROM verdict_stats",
            "rule_usage", "SELECT * FROM rule_usage",
            "enis", "SELECT * FROM enis",
            "sg_rules", "SELECT * FROM sg_rules"));

    @TempDir
    static Path dir;

    private static final Map<String, Map<String, List<String>>> tables = new TreeMap<>();

    @BeforeAll
    static void generateAndReplay() throws Exception {
        for (String format : List.of("text", "parquet", "ocsf")) {
            Path data = dir.resolve(format);
            CliRun gen = CliRun.of(
                    "generate",
                    "--seed",
                    "7",
                    "--records",
                    "20000",
                    "--output-format",
                    format,
                    "--out",
                    data.toString());
            assertThat(gen.exit()).as(gen.err()).isZero();
            Path out = dir.resolve("out-" + format);
            CliRun run = CliRun.of(
                    "replay",
                    "--input",
                    data.resolve("flowlogs").toString(),
                    "--inventory",
                    data.resolve("inventory").toString(),
                    "--out",
                    out.toString(),
                    "--parallelism",
                    "2");
            assertThat(run.exit()).as(run.err()).isZero();
            tables.put(format, read(out));
        }
    }

    private static Map<String, List<String>> read(Path out) throws Exception {
        Map<String, List<String>> result = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                st.execute("CREATE VIEW " + q.getKey() + " AS SELECT * FROM read_parquet('" + out.resolve(q.getKey())
                        + "/**/*.parquet', hive_partitioning = true)");
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            row.append(c > 1 ? "\t" : "").append(rs.getString(c));
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                result.put(q.getKey(), rows);
            }
            assertThat(Files.exists(out.resolve("dead_letters")))
                    .as("no dead letters")
                    .isFalse();
        }
        return result;
    }

    @Test
    void parquetAndOcsfInputGiveTheTablesOfTheTextLogsRowForRow() {
        Map<String, List<String>> text = tables.get("text");
        assertThat(text.get("flows")).hasSizeGreaterThan(19_000);
        assertThat(text.get("verdict_stats")).isNotEmpty();
        for (String format : List.of("parquet", "ocsf")) {
            for (String table : QUERIES.keySet()) {
                assertThat(tables.get(format).get(table))
                        .as("%s from %s", table, format)
                        .containsExactlyElementsOf(text.get(table));
            }
        }
    }

    @Test
    void inspectReportsAParquetFileAsItDoesItsTextWithTheWriterAndRowGroups() throws Exception {
        Path text;
        Path parquet;
        try (Stream<Path> s = Files.walk(dir.resolve("text/flowlogs"))) {
            text = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        String key = dir.resolve("text/flowlogs").relativize(text).toString().replace(".log.gz", ".log.parquet");
        parquet = dir.resolve("parquet/flowlogs").resolve(key);
        JsonNode fromText =
                JSON.readTree(CliRun.of("inspect", "--json", text.toString()).out());
        CliRun run = CliRun.of("inspect", "--json", parquet.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode fromParquet = JSON.readTree(run.out());
        for (String field :
                List.of("records", "logStatus", "action", "packets", "bytes", "firstStart", "lastEnd", "s3")) {
            assertThat(fromParquet.get(field)).as(field).isEqualTo(fromText.get(field));
        }
        assertThat(fromParquet.get("formats").get(0).get("fields"))
                .isEqualTo(fromText.get("formats").get(0).get("fields"));
        assertThat(fromParquet.path("parquet").path("table").asText()).isEqualTo("flow_log");
        assertThat(fromParquet.path("parquet").path("rowGroups").asInt()).isPositive();
        assertThat(fromParquet.path("parquet").path("createdBy").asText()).startsWith("parquet-mr");
        assertThat(fromText.has("parquet")).isFalse();

        CliRun textOut = CliRun.of("inspect", parquet.toString());
        assertThat(textOut.out())
                .contains("  parquet:       flow-log columns, ")
                .contains("row group");
    }
}
