package io.vpcflow.cli.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.query.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a query result as an aligned text table (terminal-safe), JSON lines, or CSV. */
public final class TableOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CELL = 80;

    private TableOutput() {}

    public static void text(Table t, PrintWriter out) {
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[t.columns().size()];
        String[] header = t.columns().toArray(String[]::new);
        for (int c = 0; c < header.length; c++) {
            header[c] = TerminalText.safe(header[c], MAX_CELL);
            width[c] = header[c].length();
        }
        for (int r = 0; r < t.rows().size(); r++) {
            String[] row = new String[header.length];
            for (int c = 0; c < header.length; c++) {
                Object v = t.rows().get(r).get(c);
                row[c] = v == null ? "-" : TerminalText.safe(t.shown(r, c), MAX_CELL);
                width[c] = Math.max(width[c], row[c].length());
            }
            cells.add(row);
        }
        out.println(line(header, width, t, true));
        for (String[] row : cells) {
            out.println(line(row, width, t, false));
        }
        out.printf("(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
    }

    private static String line(String[] cells, int[] width, Table t, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean number = !header && !t.rows().isEmpty() && t.rows().get(0).get(c) instanceof Number;
            String fmt = number ? "%" + width[c] + "s" : "%-" + width[c] + "s";
            sb.append(c == 0 ? "" : "  ").append(String.format(fmt, cells[c]));
        }
        return sb.toString().stripTrailing();
    }

    public static void json(Table t, PrintWriter out) throws Exception {
        for (List<Object> row : t.rows()) {
            ObjectNode o = JSON.createObjectNode();
            for (int c = 0; c < t.columns().size(); c++) {
                o.putPOJO(t.columns().get(c), row.get(c) instanceof java.sql.Timestamp ts ? ts.toString() : row.get(c));
            }
            out.println(JSON.writeValueAsString(o));
        }
    }

    public static void csv(Table t, PrintWriter out) {
        out.println(
                String.join(",", t.columns().stream().map(TableOutput::csvCell).toList()));
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < t.columns().size(); c++) {
                row.add(t.rows().get(r).get(c) == null ? "" : csvCell(t.text(r, c)));
            }
            out.println(String.join(",", row));
        }
    }

    private static String csvCell(String text) {
        // Escape sequences would reach a terminal the file is printed on.
        String s = TerminalText.safeInCells(text);
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        // A cell starting with = + - @ (or a tab or carriage return before one) would be a formula in a
        // spreadsheet: neutralise it.
        String safe = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+") ? "'" + s : s;
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
