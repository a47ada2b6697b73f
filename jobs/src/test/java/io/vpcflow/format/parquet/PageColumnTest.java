package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnIndex;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own page encoders ({@link PageColumn}) in one large row group of several pages per column: every value
 * read back by DuckDB, the dictionary's fallbacks to PLAIN (on the first page, and in the middle of a row
 * group), runs of null pages, guarded columns, and the statistics and column indexes engines prune with, read
 * from the footer with Parquet's Thrift structures and compared with the values.
 */
class PageColumnTest {
    @TempDir
    static Path dir;

    static Path file;
    static List<Row> rows = new ArrayList<>();

    record Row(
            long id,
            String same,
            String grow,
            String unique,
            String late,
            int port,
            long wide,
            int small,
            String guarded,
            int runs) {}

    static boolean guard(Row r) {
        return guarded(r.id());
    }

    static boolean guarded(long id) {
        return (id / 1024) % 2 == 1 || id == 5000;
    }

    static final ParquetTable<Row> TABLE = new ParquetTable<>(
            "pages",
            List.of(
                    Column.int64Exact("id", Row::id),
                    Column.string("same", Row::same),
                    Column.string("grow", Row::grow),
                    Column.string("unique", Row::unique),
                    Column.string("late", Row::late),
                    Column.int32("port", Row::port),
                    Column.int64Exact("wide", Row::wide).withoutDictionary(),
                    Column.int32("small", Row::small),
                    Column.string("guarded", Row::guarded).nullUnless(PageColumnTest::guard),
                    Column.int32("runs", Row::runs)));

    @BeforeAll
    static void write() throws Exception {
        Random random = new Random(3);
        String pad = "-".repeat(50);
        for (int i = 0; i < 120_000; i++) {
            rows.add(new Row(
                    i,
                    "same",
                    // 100 values, then unique ones: the dictionary passes the first page's test and later
                    // outgrows 1 MiB in the middle of the row group.
                    i < 60_000 ? "g" + (i % 100) : "grow-" + i + pad,
                    "u" + random.nextInt() + pad,
                    i < 45_000 ? null : "x" + (i % 3),
                    random.nextInt(10) == 0 ? -1 : random.nextInt(65_536),
                    random.nextLong(),
                    i % 5,
                    guarded(i) ? "o" + (i % 4) : null,
                    // Runs of equal numbers, across batches and pages: the last value's id is reused.
                    (i / 7) % 13));
        }
        file = dir.resolve("pages.parquet");
        try (var out = new LocalOutputFile(file).createOrOverwrite(0)) {
            ColumnarWriter<Row> w = new ColumnarWriter<>(out, TABLE, ColumnarWriter.ROW_GROUP_BYTES);
            for (Row r : rows) {
                w.add(r);
            }
            w.finish();
        }
    }

    @Test
    void everyValueReadsBack() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT id, same, grow, \"unique\", late, port, wide, small, guarded, runs "
                                + "FROM read_parquet('" + file + "') ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                Row r = rows.get(n++);
                assertThat(rs.getLong(1)).isEqualTo(r.id());
                assertThat(rs.getString(2)).isEqualTo(r.same());
                assertThat(rs.getString(3)).as("grow %d", r.id()).isEqualTo(r.grow());
                assertThat(rs.getString(4)).isEqualTo(r.unique());
                assertThat(rs.getString(5)).isEqualTo(r.late());
                assertThat(rs.getObject(6)).isEqualTo(r.port() < 0 ? null : r.port());
                assertThat(rs.getLong(7)).isEqualTo(r.wide());
                assertThat(rs.getInt(8)).isEqualTo(r.small());
                assertThat(rs.getString(9)).as("guarded %d", r.id()).isEqualTo(r.guarded());
                assertThat(rs.getInt(10)).as("runs %d", r.id()).isEqualTo(r.runs());
            }
            assertThat(n).isEqualTo(rows.size());
        }
    }

    @Test
    void dictionariesFallBackToPlainAsParquetJavaDoes() throws Exception {
        FileMetaData footer = footer();
        assertThat(footer.getRow_groups()).as("one row group").hasSize(1);
        Map<String, ColumnChunk> chunks = chunks(footer);
        assertThat(encodings(chunks, "same"))
                .contains(Encoding.PLAIN_DICTIONARY)
                .doesNotContain(Encoding.PLAIN);
        assertThat(chunks.get("same").getMeta_data().isSetDictionary_page_offset())
                .isTrue();
        assertThat(encodings(chunks, "grow"))
                .as("dictionary pages, then plain ones")
                .contains(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN);
        assertThat(encodings(chunks, "unique"))
                .as("fell back on the first page")
                .contains(Encoding.PLAIN)
                .doesNotContain(Encoding.PLAIN_DICTIONARY);
        assertThat(chunks.get("unique").getMeta_data().isSetDictionary_page_offset())
                .isFalse();
        assertThat(encodings(chunks, "wide")).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY);
        assertThat(encodings(chunks, "port"))
                .as("a dictionary under its size limit that does not pay for itself")
                .contains(Encoding.PLAIN)
                .doesNotContain(Encoding.PLAIN_DICTIONARY);
        assertThat(encodings(chunks, "late"))
                .as("two pages of nulls, then three values: still a dictionary")
                .contains(Encoding.PLAIN_DICTIONARY);
        assertThat(encodings(chunks, "small"))
                .contains(Encoding.PLAIN_DICTIONARY)
                .doesNotContain(Encoding.PLAIN);
    }

    @Test
    void statisticsAndColumnIndexesMatchTheValues() throws Exception {
        Map<String, ColumnChunk> chunks = chunks(footer());
        checkText(chunks.get("same"), Row::same);
        checkText(chunks.get("grow"), Row::grow);
        checkText(chunks.get("unique"), Row::unique);
        checkText(chunks.get("late"), Row::late);
        checkText(chunks.get("guarded"), Row::guarded);
        checkNumber(chunks.get("id"), Row::id, 8);
        checkNumber(chunks.get("port"), r -> r.port() < 0 ? null : (long) r.port(), 4);
        checkNumber(chunks.get("wide"), Row::wide, 8);
        checkNumber(chunks.get("small"), r -> (long) r.small(), 4);
        checkNumber(chunks.get("runs"), r -> (long) r.runs(), 4);

        assertThat(columnIndex(chunks.get("late")).getNull_pages())
                .as("45,000 nulls: two pages of 20,000 rows without a value")
                .startsWith(true, true, false);
        ColumnChunk id = chunks.get("id");
        try (InputStream in = slice(id.getOffset_index_offset(), id.getOffset_index_length())) {
            assertThat(Util.readOffsetIndex(in).getPage_locations())
                    .as("pages of 20,000 rows")
                    .hasSize(6);
        }
        ColumnChunk grow = chunks.get("grow");
        try (InputStream in = slice(grow.getOffset_index_offset(), grow.getOffset_index_length())) {
            assertThat(Util.readOffsetIndex(in).getPage_locations())
                    .as("PLAIN pages end at 1 MiB")
                    .hasSizeGreaterThan(6);
        }
    }

    private static void checkText(ColumnChunk chunk, Function<Row, String> value) throws Exception {
        List<String> values = rows.stream().map(value).filter(Objects::nonNull).toList();
        Statistics stats = chunk.getMeta_data().getStatistics();
        String name = String.join(".", chunk.getMeta_data().getPath_in_schema());
        assertThat(stats.getNull_count()).as(name).isEqualTo(rows.size() - values.size());
        assertThat(new String(stats.getMin_value(), StandardCharsets.UTF_8))
                .as(name)
                .isEqualTo(values.stream().min(Comparator.naturalOrder()).orElseThrow());
        assertThat(new String(stats.getMax_value(), StandardCharsets.UTF_8))
                .as(name)
                .isEqualTo(values.stream().max(Comparator.naturalOrder()).orElseThrow());
        checkIndex(chunk, rows.size() - values.size());
    }

    private static void checkNumber(ColumnChunk chunk, Function<Row, Long> value, int width) throws Exception {
        List<Long> values = rows.stream().map(value).filter(Objects::nonNull).toList();
        Statistics stats = chunk.getMeta_data().getStatistics();
        String name = String.join(".", chunk.getMeta_data().getPath_in_schema());
        assertThat(stats.getNull_count()).as(name).isEqualTo(rows.size() - values.size());
        assertThat(number(stats.getMin_value(), width))
                .as(name)
                .isEqualTo(values.stream().min(Comparator.naturalOrder()).orElseThrow());
        assertThat(number(stats.getMax_value(), width))
                .as(name)
                .isEqualTo(values.stream().max(Comparator.naturalOrder()).orElseThrow());
        checkIndex(chunk, rows.size() - values.size());
    }

    private static long number(byte[] littleEndian, int width) {
        ByteBuffer b = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        return width == 8 ? b.getLong() : b.getInt();
    }

    /**
     * The column index has a page per 20,000 rows at least (more where PLAIN values fill 1 MiB first), whose null
     * counts add up to the chunk's.
     */
    private static void checkIndex(ColumnChunk chunk, long nulls) throws Exception {
        ColumnIndex index = columnIndex(chunk);
        assertThat(index.getNull_counts().size()).isGreaterThanOrEqualTo(6);
        assertThat(index.getNull_counts().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(nulls);
    }

    private static ColumnIndex columnIndex(ColumnChunk chunk) throws Exception {
        try (InputStream in = slice(chunk.getColumn_index_offset(), chunk.getColumn_index_length())) {
            return Util.readColumnIndex(in);
        }
    }

    private static List<Encoding> encodings(Map<String, ColumnChunk> chunks, String column) {
        return chunks.get(column).getMeta_data().getEncodings();
    }

    /** The footer, read with Parquet's Thrift structures: no parquet-java reader logic in between. */
    private static FileMetaData footer() throws Exception {
        byte[] all = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(all, all.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        try (InputStream in = slice(all.length - 8 - length, length)) {
            return Util.readFileMetaData(in);
        }
    }

    private static InputStream slice(long offset, int length) throws Exception {
        return new ByteArrayInputStream(Files.readAllBytes(file), Math.toIntExact(offset), length);
    }

    private static Map<String, ColumnChunk> chunks(FileMetaData footer) {
        return footer.getRow_groups().get(0).getColumns().stream()
                .collect(Collectors.toMap(c -> String.join(".", c.getMeta_data().getPath_in_schema()), c -> c));
    }
}
