package io.vpcflow.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.testing.ParquetFiles;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tables as a query engine sees them: column names, types, nulls, lists and maps, read back with DuckDB. */
class OutputTablesTest {
    @TempDir
    Path dir;

    @Test
    void flowsHasATypedColumnForEveryFieldAndKeepsUnknownFieldsInAMap() throws Exception {
        String text = String.join(
                "\n",
                "version srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status az-id traffic-path "
                        + "encryption-status next-hop-interface-id quantum-flux",
                "11 10.0.0.71 52.95.128.179 34210 443 6 7 4294967296 1795694400 1795694457 ACCEPT OK use1-az1 8 1 eni-0nh 42",
                "11 10.0.0.71 52.95.128.179 34211 443 6 - - 1795694400 1795694457 - NODATA - - - - -");
        List<FlowRow> rows = new ArrayList<>();
        new FlowLogReader(null)
                .read(
                        "mem",
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        new FlowLogReader.Handler() {
                            @Override
                            public void onRecord(MutableFlowRecord record, long lineNumber) {
                                rows.add(FlowRow.of(record, "mem", lineNumber, new TextCache(16)));
                            }

                            @Override
                            public void onDeadLetter(DeadLetter deadLetter) {
                                throw new AssertionError(deadLetter.toString());
                            }
                        });
        rows.get(0).lambdaFunctions = new String[] {"orders", "refunds"};
        rows.get(0).verdict = Verdict.ALLOWED;
        Path file = dir.resolve("flows.parquet");
        ParquetFiles.write(OutputTables.FLOWS, rows, file);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            String t = "read_parquet('" + file + "')";
            try (ResultSet rs =
                    st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + t + ")")) {
                List<String> columns = new ArrayList<>();
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2));
                }
                for (FlowField f : FlowField.values()) {
                    String type = switch (f.type()) {
                        case INT -> "INTEGER";
                        case LONG -> "BIGINT";
                        default -> "VARCHAR";
                    };
                    assertThat(columns).contains(f.columnName() + " " + type);
                }
                assertThat(columns).contains("extra_fields MAP(VARCHAR, VARCHAR)", "lambda_functions VARCHAR[]");
            }
            try (ResultSet rs =
                    st.executeQuery("SELECT bytes, traffic_path, az_id, encryption_status, next_hop_interface_id, "
                            + "extra_fields['quantum-flux'], len(lambda_functions), lambda_functions[2], vpc_id FROM "
                            + t
                            + " ORDER BY line_number")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(4_294_967_296L);
                assertThat(rs.getInt(2)).isEqualTo(8);
                assertThat(rs.getString(3)).isEqualTo("use1-az1");
                assertThat(rs.getInt(4)).isEqualTo(1);
                assertThat(rs.getString(5)).isEqualTo("eni-0nh");
                assertThat(rs.getString(6)).isEqualTo("42");
                assertThat(rs.getInt(7)).isEqualTo(2);
                assertThat(rs.getString(8)).isEqualTo("refunds");
                assertThat(rs.getString(9)).isNull();
                rs.next();
                assertThat(rs.getObject(1)).as("'-' is null, not 0").isNull();
                assertThat(rs.getObject(2)).isNull();
                assertThat(rs.getObject(6)).isNull();
            }
        }
    }
}
