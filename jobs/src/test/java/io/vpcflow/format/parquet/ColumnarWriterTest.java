package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column-by-column writer against a reader it does not share code with: seeded random rows with every
 * kind of column, nulls, empty and null lists and maps, null elements and values, over several row groups,
 * written row by row and in arrays, read back by DuckDB value for value.
 */
class ColumnarWriterTest {
    @TempDir
    Path dir;

    /** A row of every column kind. */
    record Row(
            int id,
            String text,
            int small,
            long big,
            long exact,
            Boolean flag,
            List<String> list,
            Map<String, String> map) {}

    private static final ParquetTable<Row> TABLE = new ParquetTable<>(
            "t",
            List.of(
                    Column.int32("id", Row::id),
                    Column.string("text", Row::text),
                    Column.int32("small", Row::small),
                    Column.int64("big", Row::big),
                    Column.int64Exact("exact", Row::exact),
                    Column.bool("flag", Row::flag),
                    Column.stringList("list", Row::list),
                    Column.stringMap("map", Row::map).nullUnless(r -> r.map() != null)));

    @Test
    void everyValueReadsBackAsWrittenAcrossRowGroups() throws Exception {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            rows.add(new Row(
                    i,
                    random.nextInt(5) == 0 ? null : "t" + random.nextInt(i % 7 == 0 ? 100_000 : 20),
                    random.nextInt(10) - 2,
                    random.nextLong() >> random.nextInt(64),
                    random.nextLong() - 1,
                    random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    list(random),
                    // Two whole batches of 1,024 rows without a map: written as nulls, without asking each row.
                    i >= 10_240 && i < 12_288 ? null : map(random)));
        }
        Path file = dir.resolve("t.parquet");
        try (var out = new LocalOutputFile(file).createOrOverwrite(0)) {
            ColumnarWriter<Row> w = new ColumnarWriter<>(out, TABLE, 64 * 1024);
            // Row by row and in arrays of uneven sizes (as batches of records come), across the writer's batches.
            for (int i = 0; i < rows.size(); ) {
                int n = Math.min(rows.size() - i, 1 + random.nextInt(1500));
                if (random.nextBoolean()) {
                    w.addAll(rows.subList(i, i + n).toArray(new Row[0]));
                } else {
                    for (Row r : rows.subList(i, i + n)) {
                        w.add(r);
                    }
                }
                i += n;
            }
            w.finish();
        }

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("row groups").isGreaterThan(2);
            }
            try (ResultSet rs = st.executeQuery("SELECT id, text, small, big, exact, flag, list::VARCHAR, "
                    + "map::VARCHAR, list IS NULL, map IS NULL FROM read_parquet('" + file + "') ORDER BY id")) {
                int n = 0;
                while (rs.next()) {
                    Row r = rows.get(n++);
                    assertThat(rs.getInt(1)).isEqualTo(r.id());
                    assertThat(rs.getString(2)).isEqualTo(r.text());
                    assertThat(rs.getObject(3)).isEqualTo(r.small() < 0 ? null : r.small());
                    assertThat(rs.getObject(4)).isEqualTo(r.big() < 0 ? null : r.big());
                    assertThat(rs.getLong(5)).isEqualTo(r.exact());
                    assertThat(rs.getObject(6)).isEqualTo(r.flag());
                    assertThat(rs.getBoolean(9)).isEqualTo(r.list() == null);
                    if (r.list() != null) {
                        assertThat(rs.getString(7)).as("row %d", r.id()).isEqualTo(duckList(r.list()));
                    }
                    assertThat(rs.getBoolean(10)).isEqualTo(r.map() == null);
                    if (r.map() != null) {
                        assertThat(rs.getString(8)).as("row %d", r.id()).isEqualTo(duckMap(r.map()));
                    }
                }
                assertThat(n).isEqualTo(rows.size());
            }
        }
    }

    private static List<String> list(Random random) {
        int n = random.nextInt(5) - 1;
        if (n < 0) {
            return null;
        }
        String[] items = new String[n];
        for (int i = 0; i < n; i++) {
            items[i] = random.nextInt(6) == 0 ? null : "e" + random.nextInt(30);
        }
        return Arrays.asList(items);
    }

    private static Map<String, String> map(Random random) {
        int n = random.nextInt(4) - 1;
        if (n < 0) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("k" + i, random.nextInt(4) == 0 ? null : "v" + random.nextInt(10));
        }
        return m;
    }

    private static String duckList(List<String> items) {
        return "["
                + String.join(
                        ", ", items.stream().map(s -> s == null ? "NULL" : s).toList()) + "]";
    }

    private static String duckMap(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + (v == null ? "NULL" : v)));
        return "{" + String.join(", ", parts) + "}";
    }
}
