package io.vpcflow.query;

import io.vpcflow.jobs.sink.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output tables of a run, opened in an embedded DuckDB with one view per table over its
 * Hive-partitioned Parquet files ({@code dt} and {@code hour} become columns).
 */
public final class Warehouse implements AutoCloseable {
    /** The tables a run writes, in the order they are described. */
    public static final List<String> TABLES =
            Arrays.stream(Table.values()).map(Table::tableName).toList();

    private final Connection db;
    private final List<String> present;

    private Warehouse(Connection db, List<String> present) {
        this.db = db;
        this.present = present;
    }

    /**
     * Opens the tables under {@code dir}; a table with no files yet is left out.
     *
     * @throws IllegalArgumentException when {@code dir} holds none of the tables
     */
    public static Warehouse open(Path dir) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        List<String> present = new ArrayList<>();
        try (Statement st = db.createStatement()) {
            for (String table : TABLES) {
                Path folder = dir.resolve(table);
                if (!hasParquet(folder)) {
                    continue;
                }
                // The folder is the user's own path (a command-line argument), quoted as an SQL literal.
                String glob = folder.toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet";
                st.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + glob
                        + "', hive_partitioning = true, union_by_name = true)");
                present.add(table);
            }
        }
        if (present.isEmpty()) {
            db.close();
            throw new IllegalArgumentException(
                    "no vpcflow tables in " + dir + " (expected folders such as " + dir.resolve("flows") + ")");
        }
        return new Warehouse(db, List.copyOf(present));
    }

    private static boolean hasParquet(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public boolean has(String table) {
        return present.contains(table);
    }

    public List<String> tables() {
        return present;
    }

    /** Runs a query; the caller closes the statement through the result set's statement. */
    public ResultSet query(String sql) throws SQLException {
        Statement st = db.createStatement();
        st.closeOnCompletion();
        return st.executeQuery(sql);
    }

    /** The single number a query returns. */
    public long scalar(String sql) throws SQLException {
        try (ResultSet rs = query(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
