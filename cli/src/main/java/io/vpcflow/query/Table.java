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

    /** The value at a row and column as text; "" for null. */
    public String text(int row, int column) {
        Object v = rows.get(row).get(column);
        return v == null ? "" : v.toString();
    }
}
