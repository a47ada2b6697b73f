package io.vpcflow.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A query's result held in memory: column names and rows of values (null kept as null). */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static Table of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                Object v = rs.getObject(i);
                // Lists and other SQL values become their text: the renderers print text.
                row.add(v instanceof java.sql.Array a ? java.util.Arrays.toString((Object[]) a.getArray()) : v);
            }
            rows.add(java.util.Collections.unmodifiableList(row));
        }
        return new Table(columns, rows);
    }

    /** Whether a column holds counts, shown with thousands separators (ids, ports and times are not). */
    public static boolean isCount(String column) {
        String c = column.toLowerCase(java.util.Locale.ROOT);
        return c.contains("bytes")
                || c.contains("packets")
                || c.contains("flows")
                || c.startsWith("count")
                || c.contains("peers")
                || c.equals("interfaces")
                || c.startsWith("unexpected")
                || c.equals("blocked")
                || c.equals("n")
                || c.equals("records");
    }

    /** The value at a row and column as a reader sees it: counts with separators; "" for null. */
    public String shown(int row, int column) {
        Object v = rows.get(row).get(column);
        return v instanceof Number n && !(v instanceof Double || v instanceof Float) && isCount(columns.get(column))
                ? String.format("%,d", n.longValue())
                : text(row, column);
    }

    /** The value at a row and column as text; "" for null. */
    public String text(int row, int column) {
        Object v = rows.get(row).get(column);
        return v == null ? "" : v.toString();
    }
}
