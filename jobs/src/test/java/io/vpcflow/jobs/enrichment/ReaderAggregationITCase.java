package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.sink.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the {@code flows} table, readers sum records themselves; the aggregate tables must come out the
 * same as when every record goes through Flink's operators: the same generated estate (default and custom
 * formats with tcp-flags, one record in twenty delivered late, files read out of order), both ways, compared
 * row for row.
 */
class ReaderAggregationITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(EnrichmentJob.recommended(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void summingInTheReaderGivesTheSameAggregateTablesAsSummingEveryRecordDownstream() throws Exception {
        SampleEstate estate = new SampleEstate(10, Instant.parse("2026-11-26T12:00:00Z"));
        for (InventorySnapshot s : estate.snapshots()) {
            InventoryFiles.write(s, dir.resolve("inventory").resolve(s.takenAt().toString()));
        }
        FlowLogGenerator.GroundTruth truth = new FlowLogGenerator(estate, 5, 3).write(dir.resolve("logs"), 20_000);

        JobExecutionResult everyRecord = run("all", Table.all(), false);
        JobExecutionResult summed = run("aggregates", EnumSet.of(Table.VERDICT_STATS, Table.RULE_USAGE), false);

        // Event time moves differently (per file when readers sum), so windows may close at other moments and
        // split into correction rows differently: the sums per window and dimensions must still agree.
        String byDimensions = "SELECT window_start, account_id, vpc_id, interface_id, eni_owner_kind, eni_owner_id, "
                + "direction, action, verdict, verdict_reason, sg_id, sg_rule_id, sum(flows), sum(packets), sum(bytes) "
                + "FROM %s GROUP BY ALL ORDER BY ALL";
        List<String> expected = rows(String.format(byDimensions, table("all", "verdict_stats")));
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(rows(String.format(byDimensions, table("aggregates", "verdict_stats"))))
                .isEqualTo(expected);
        String rules = "SELECT window_start, sg_id, sg_rule_id, direction, sum(flows), sum(packets), sum(bytes) "
                + "FROM %s GROUP BY ALL ORDER BY ALL";
        assertThat(rows(String.format(rules, table("aggregates", "rule_usage"))))
                .isEqualTo(rows(String.format(rules, table("all", "rule_usage"))));
        assertThat(rows("SELECT sum(flows) FROM " + table("aggregates", "verdict_stats")))
                .containsExactly(String.valueOf(truth.records()));

        // A replay keeps every window open to the end: then the tables are equal row for row, distinct peers
        // (counted from parsed addresses in the readers, from texts downstream) included.
        run("replay-all", Table.all(), true);
        run("replay-aggregates", EnumSet.of(Table.VERDICT_STATS, Table.RULE_USAGE), true);
        String every = "SELECT * EXCLUDE (dt, hour) FROM %s ORDER BY ALL";
        assertThat(rows(String.format(every, table("replay-aggregates", "rule_usage"))))
                .isEqualTo(rows(String.format(every, table("replay-all", "rule_usage"))))
                .hasSizeGreaterThan(50);
        assertThat(rows(String.format(every, table("replay-aggregates", "verdict_stats"))))
                .isEqualTo(rows(String.format(every, table("replay-all", "verdict_stats"))));

        // The counters agree too: summed records count as the records they are.
        for (String counter : List.of("recordsIn", "unattributed", "verdict_allowed", "verdict_unexpected_reject")) {
            assertThat(summed.<Long>getAccumulatorResult(counter))
                    .as(counter)
                    .isEqualTo(everyRecord.<Long>getAccumulatorResult(counter));
        }
    }

    private JobExecutionResult run(String name, Set<Table> tables, boolean replay) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<String> inputs = List.of(dir.resolve("logs").toString());
        String inventory = dir.resolve("inventory").toString();
        String out = dir.resolve(name).toString();
        JobConfig config = replay ? JobConfig.replay(inputs, inventory, out) : JobConfig.files(inputs, inventory, out);
        config.tables = EnumSet.copyOf(tables);
        EnrichmentJob.build(env, config);
        return env.execute("reader aggregation test");
    }

    private String table(String run, String name) {
        return "read_parquet('" + dir.resolve(run).resolve(name) + "/**/*.parquet', hive_partitioning = true)";
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
