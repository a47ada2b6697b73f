package io.vpcflow.query;

import io.vpcflow.jobs.sink.Table;
import io.vpcflow.text.SqlText;
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

    /** Opens the tables under {@code dir} read-only: SQL reads these tables and nothing else ({@link #open(Path, boolean)}). */
    public static Warehouse open(Path dir) throws SQLException {
        return open(dir, false);
    }

    /**
     * Opens the tables under {@code dir}; a table with no files yet is left out. Unless {@code unrestricted}, the
     * database may read only the warehouse folder, write no file, attach no database and install or load no
     * extension, and the SQL cannot change that: a query is a question, not a program with the user's rights.
     *
     * @throws IllegalArgumentException when {@code dir} holds none of the tables
     */
    public static Warehouse open(Path dir, boolean unrestricted) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        List<String> present = new ArrayList<>();
        Path root = dir.toAbsolutePath().normalize();
        try (Statement st = db.createStatement()) {
            for (String table : TABLES) {
                Path folder = root.resolve(table);
                if (!hasParquet(folder)) {
                    continue;
                }
                st.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet("
                        + SqlText.globLiteral(folder.toString(), "/**/*.parquet")
                        + ", hive_partitioning = true, union_by_name = true)");
                present.add(table);
            }
            if (!unrestricted) {
                // The folder as files are named in it, and as the views' patterns spell it (checked before expanding).
                st.execute("SET allowed_directories = [" + SqlText.literal(root + "/") + ", "
                        + SqlText.globLiteral(root.toString(), "/") + "]");
                st.execute("SET enable_external_access = false");
                st.execute("SET autoinstall_known_extensions = false");
                st.execute("SET autoload_known_extensions = false");
                st.execute("SET lock_configuration = true");
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

    /**
     * Refuses SQL that is not only SELECT statements, as DuckDB's own parser reads it: with {@link #open(Path)}'s
     * limits, a query then reads the tables and changes nothing, not even inside the warehouse folder.
     *
     * @throws IllegalArgumentException naming what is allowed
     */
    public void checkOnlySelects(String sql) throws SQLException {
        try (java.sql.PreparedStatement st =
                db.prepareStatement("SELECT json_serialize_sql(?::VARCHAR) ->> '$.error_type'")) {
            st.setString(1, sql);
            try (ResultSet rs = st.executeQuery()) {
                // A syntax error is left for the query itself to report, in DuckDB's words.
                String error = rs.next() ? rs.getString(1) : null;
                if (error != null && !error.equals("parser")) {
                    throw new IllegalArgumentException(
                            "query runs SELECT statements only (it reads the tables and writes nothing): "
                                    + "give --unrestricted for COPY, ATTACH, SET and the rest of DuckDB");
                }
            }
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

    /** Runs any statement (an unrestricted query's COPY, say): its rows, or null when it returns none. */
    public ResultSet execute(String sql) throws SQLException {
        Statement st = db.createStatement();
        if (st.execute(sql)) {
            st.closeOnCompletion();
            return st.getResultSet();
        }
        st.close();
        return null;
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
