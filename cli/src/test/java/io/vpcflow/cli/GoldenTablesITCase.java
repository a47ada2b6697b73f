package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safety net of every change to the job: the sample replay's tables, row by row, against the golden files
 * under {@code src/test/resources/golden} (every table; of {@code flows} the first three records of each file),
 * compared in any order. Columns that change from run to run (when a dead letter was written, and the partitions
 * that follow from it) are left out.
 *
 * <p>After a change that is meant to change the output, regenerate them and read the diff:
 * {@code mvn -B -q -pl cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=GoldenTablesITCase -Dgolden.update=true}.
 */
class GoldenTablesITCase {
    private static final Path SAMPLE =
            Paths.get("..", "sample-data").toAbsolutePath().normalize();
    private static final Path GOLDEN = Paths.get("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** Each table's rows as the golden files hold them. */
    private static final Map<String, String> QUERIES = new TreeMap<>(Map.of(
            "flows", "SELECT * FROM flows WHERE line_number <= 4",
            "verdict_stats", "SELECT * FROM verdict_stats",
            "rule_usage", "SELECT * FROM rule_usage",
            "dead_letters", "SELECT * EXCLUDE (ingest_time, dt, hour) FROM dead_letters",
            "enis", "SELECT * FROM enis",
            "sg_rules", "SELECT * FROM sg_rules"));

    @TempDir
    static Path dir;

    private static Map<String, List<String>> allTables;
    private static Map<String, List<String>> aggregatesOnly;

    @BeforeAll
    static void replay() throws Exception {
        allTables = replay("all", List.of());
        aggregatesOnly = replay("aggregates", List.of("--tables", "verdict_stats,rule_usage"));
    }

    private static Map<String, List<String>> replay(String name, List<String> extra) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "--json",
                "--input",
                SAMPLE.resolve("flowlogs").toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "2"));
        args.addAll(extra);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                Path folder = out.resolve(q.getKey());
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                st.execute("CREATE VIEW " + q.getKey() + " AS SELECT * FROM read_parquet('" + folder
                        + "/**/*.parquet', hive_partitioning = true)");
                tables.put(q.getKey(), rows(st, q.getValue()));
            }
        }
        return tables;
    }

    /** The rows of a query as tab-separated text, header first, nulls as {@code \N}, the sample's path made relative. */
    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder header = new StringBuilder();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                header.append(c > 1 ? "\t" : "")
                        .append(md.getColumnName(c))
                        .append(':')
                        .append(md.getColumnTypeName(c));
            }
            rows.add(header.toString());
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    String v = rs.getString(c);
                    row.append(c > 1 ? "\t" : "")
                            .append(
                                    v == null
                                            ? "\\N"
                                            : v.replace(SAMPLE + "/", "")
                                                    .replace("\t", "\\t")
                                                    .replace("\n", "\\n"));
                }
                rows.add(row.toString());
            }
        }
        List<String> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort(null);
        body.add(0, rows.get(0));
        return body;
    }

    private static void compare(String table, List<String> got) throws IOException {
        Path file = GOLDEN.resolve(table + ".tsv");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.write(file, got, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file; regenerate with -Dgolden.update=true").exists();
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(got.get(0)).as("%s columns", table).isEqualTo(expected.get(0));
        assertThat(got.subList(1, got.size()))
                .as("%s rows", table)
                .containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flows", "verdict_stats", "rule_usage", "dead_letters", "enis", "sg_rules"})
    void everyTableIsItsGoldenRows(String table) throws IOException {
        assertThat(allTables).containsKey(table);
        compare(table, allTables.get(table));
    }

    /** Without {@code flows}, readers sum records themselves: the same aggregates, row for row. */
    @Test
    void readersThatSumThemselvesWriteTheSameAggregates() {
        assertThat(aggregatesOnly.keySet()).containsExactly("dead_letters", "rule_usage", "verdict_stats");
        assertThat(aggregatesOnly.get("verdict_stats")).isEqualTo(allTables.get("verdict_stats"));
        assertThat(aggregatesOnly.get("rule_usage")).isEqualTo(allTables.get("rule_usage"));
        assertThat(aggregatesOnly.get("dead_letters")).isEqualTo(allTables.get("dead_letters"));
    }
}
