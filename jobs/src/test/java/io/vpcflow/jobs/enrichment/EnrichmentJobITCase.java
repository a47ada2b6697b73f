package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrichment job on a MiniCluster at parallelism 2, over more files than readers, whose hours overlap
 * and arrive out of order, checked with DuckDB against totals known from the input.
 */
class EnrichmentJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(EnrichmentJob.recommended(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();

    @TempDir
    static Path dir;

    private static long flows;
    private static long packets;
    private static long bytes;
    private static final Map<String, Long> verdicts = new HashMap<>();
    private static int deadLetters;
    private static Path out;
    private static JobExecutionResult result;
    private static Connection db;
    private static Statement st;
    private static long truncatedRecords;
    private static String flowsTable;
    private static String stats;

    /** Runs the job once over the files below; each test then reads one table (or the counters). */
    @BeforeAll
    static void runTheJob() throws Exception {
        Path inventory = dir.resolve("inventory");
        InventoryFiles.write(inventory(), inventory);
        Path input = dir.resolve("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26");
        Files.createDirectories(input);

        // Eight files of records spread over three hours; files named (and so read) in an order unrelated
        // to their times, so later files carry earlier hours than earlier ones.
        Random random = new Random(11);
        for (int f = 0; f < 8; f++) {
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            long base = T0 + ((f * 5L) % 8) * 1200;
            for (int i = 0; i < 400; i++) {
                long start = base + random.nextInt(3600);
                long p = 1 + random.nextInt(100);
                long b = p * (40 + random.nextInt(1400));
                String line;
                String verdict;
                switch (random.nextInt(4)) {
                    case 0 -> { // HTTPS in: allowed
                        line = rec(
                                "eni-web",
                                "203.0.113." + random.nextInt(250),
                                40000 + i,
                                "10.0.1.10",
                                443,
                                p,
                                b,
                                start,
                                "ACCEPT");
                        verdict = "allowed";
                    }
                    case 1 -> { // RDP in: blocked
                        line = rec(
                                "eni-web",
                                "198.51.100." + random.nextInt(250),
                                40000 + i,
                                "10.0.1.10",
                                3389,
                                p,
                                b,
                                start,
                                "REJECT");
                        verdict = "blocked";
                    }
                    case 2 -> { // web to the database, seen on the database's interface: allowed by a group reference
                        line = rec("eni-db", "10.0.1.10", 40000 + i, "10.0.1.20", 5432, p, b, start, "ACCEPT");
                        verdict = "allowed";
                    }
                    default -> { // an interface the inventory does not know
                        line = rec("eni-unknown", "10.0.9.9", 40000 + i, "10.0.9.8", 22, p, b, start, "ACCEPT");
                        verdict = "not_evaluated";
                    }
                }
                sb.append(line).append('\n');
                flows++;
                packets += p;
                bytes += b;
                verdicts.merge(verdict, 1L, Long::sum);
            }
            if (f % 3 == 0) {
                sb.append("2 123456789012 eni-web this is not a record\n");
                deadLetters++;
            }
            write(
                    input.resolve(String.format(
                            "123456789012_vpcflowlogs_us-east-1_fl-0abc_20261126T%02d00Z_%d.log.gz", f, f)),
                    sb.toString());
        }
        // A truncated gzip file: its whole lines count, its tail is a dead letter.
        StringBuilder cut = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 50; i++) {
            cut.append(rec("eni-web", "203.0.113.1", 50000 + i, "10.0.1.10", 443, 1, 100, T0 + i, "ACCEPT"))
                    .append('\n');
        }
        byte[] whole = gzipBytes(cut.toString());
        Files.write(input.resolve("truncated.log.gz"), java.util.Arrays.copyOf(whole, whole.length - 12));

        out = dir.resolve("out");
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Every type must have a real serializer: a fallback to Kryo fails the test.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        EnrichmentJob.build(env, JobConfig.files(List.of(input.toString()), inventory.toString(), out.toString()));
        result = env.execute("enrichment test");
        db = DriverManager.getConnection("jdbc:duckdb:");
        st = db.createStatement();
        stats = table(out, "verdict_stats");
        flowsTable = table(out, "flows");
        truncatedRecords = single(st, "SELECT count(*) FROM " + flowsTable + " WHERE source LIKE '%truncated%'");
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void aTruncatedFileKeepsItsWholeLines() {
        assertThat(truncatedRecords).isBetween(1L, 49L);
    }

    @Test
    void verdictStatsTotalsEqualTheInputWhateverTheOrder() throws Exception {
        try (ResultSet totals = st.executeQuery(
                "SELECT sum(flows), sum(packets), sum(bytes) FROM " + stats + " WHERE interface_id IS NOT NULL")) {
            totals.next();
            long expectedFlows = flows + truncatedRecords;
            assertThat(totals.getLong(1)).isEqualTo(expectedFlows);
            assertThat(totals.getLong(2)).isEqualTo(packets + truncatedRecords);
            assertThat(totals.getLong(3)).isEqualTo(bytes + truncatedRecords * 100);
        }
        // Each late partial is written as one correction row, in the table it belongs to.
        long lateRows = single(st, "SELECT count(*) FROM " + stats + " WHERE late")
                + single(st, "SELECT count(*) FROM " + table(out, "rule_usage") + " WHERE late");
        assertThat(lateRows).isEqualTo(result.<Long>getAccumulatorResult("latePartials"));
    }

    @Test
    void flowsHoldEveryRecordJudged() throws Exception {
        long expectedFlows = flows + truncatedRecords;
        assertThat(single(st, "SELECT count(*) FROM " + flowsTable)).isEqualTo(expectedFlows);
        assertThat(single(
                        st,
                        "SELECT count(*) FROM " + flowsTable
                                + " WHERE verdict = 'allowed' AND source NOT LIKE '%truncated%'"))
                .isEqualTo(verdicts.get("allowed"));
        assertThat(single(st, "SELECT count(*) FROM " + flowsTable + " WHERE verdict = 'blocked'"))
                .isEqualTo(verdicts.get("blocked"));
        assertThat(single(st, "SELECT count(*) FROM " + flowsTable + " WHERE verdict = 'not_evaluated'"))
                .isEqualTo(verdicts.get("not_evaluated"));
        assertThat(
                        single(
                                st,
                                "SELECT count(*) FROM " + flowsTable
                                        + " WHERE interface_id = 'eni-db' AND (sg_rule_id <> 'sgr-db-pg' OR eni_owner_kind <> 'rds')"))
                .isZero();
        assertThat(
                        single(
                                st,
                                "SELECT count(*) FROM " + flowsTable
                                        + " WHERE interface_id = 'eni-web' AND action = 'ACCEPT' AND peer_owner_kind <> 'internet'"))
                .isZero();
        // Hive partitions are readable as columns, and each record sits in its own hour's, though files mix
        // hours and records travel in batches.
        assertThat(single(st, "SELECT count(DISTINCT hour) FROM " + flowsTable)).isGreaterThanOrEqualTo(3);
        assertThat(single(
                        st,
                        "SELECT count(*) FROM " + flowsTable + " WHERE CAST(dt AS VARCHAR) <> "
                                + "strftime(to_timestamp(\"end\") AT TIME ZONE 'UTC', '%Y-%m-%d') "
                                + "OR CAST(hour AS INTEGER) <> hour(to_timestamp(\"end\") AT TIME ZONE 'UTC')"))
                .isZero();
    }

    @Test
    void ruleUsageCountsEveryMatchedRecordOnce() throws Exception {
        // Every record that matched a rule is in rule_usage, once.
        assertThat(single(st, "SELECT sum(flows) FROM " + table(out, "rule_usage")))
                .isEqualTo(single(st, "SELECT count(*) FROM " + flowsTable + " WHERE sg_id IS NOT NULL"));
        assertThat(single(
                        st,
                        "SELECT max(distinct_peers) FROM " + table(out, "rule_usage")
                                + " WHERE sg_rule_id = 'sgr-web-443'"))
                .isGreaterThan(1);
    }

    @Test
    void theInventoryTablesHoldTheSnapshot() throws Exception {
        assertThat(single(st, "SELECT count(*) FROM " + table(out, "enis"))).isEqualTo(2);
        assertThat(single(st, "SELECT count(*) FROM " + table(out, "sg_rules"))).isEqualTo(3);
        assertThat(single(
                        st,
                        "SELECT count(*) FROM " + table(out, "enis")
                                + " WHERE owner_kind = 'rds' AND len(private_addresses) = 1"))
                .isEqualTo(1);
    }

    @Test
    void theCountersCountEverythingThatMoved() {
        long expectedFlows = flows + truncatedRecords;
        // The counters come back with the job: everything that moved was counted.
        assertThat(result.<Long>getAccumulatorResult("recordsIn")).isEqualTo(expectedFlows);
        assertThat(result.<Long>getAccumulatorResult("filesStarted")).isEqualTo(9);
        assertThat(result.<Long>getAccumulatorResult("deadLetters")).isEqualTo(deadLetters + 1L);
        assertThat(result.<Long>getAccumulatorResult("unattributed")).isEqualTo(verdicts.get("not_evaluated"));
        assertThat(result.<Long>getAccumulatorResult("verdict_blocked")).isEqualTo(verdicts.get("blocked"));
    }

    @Test
    void deadLettersKeepEveryBadLine() throws Exception {
        String dead = table(out, "dead_letters");
        assertThat(single(st, "SELECT count(*) FROM " + dead + " WHERE reason = 'wrong_field_count'"))
                .isEqualTo(deadLetters);
        assertThat(single(st, "SELECT count(*) FROM " + dead + " WHERE reason = 'bad_gzip'"))
                .isEqualTo(1);
    }

    private static String table(Path out, String name) {
        return "read_parquet('" + out.resolve(name) + "/**/*.parquet', hive_partitioning = true)";
    }

    private static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String rec(
            String eni,
            String src,
            int srcPort,
            String dst,
            int dstPort,
            long packets,
            long bytes,
            long start,
            String action) {
        return "2 123456789012 " + eni + " " + src + " " + dst + " " + srcPort + " " + dstPort + " 6 " + packets + " "
                + bytes + " " + start + " " + (start + 60) + " " + action + " OK";
    }

    private static InventorySnapshot inventory() {
        NetworkInterface web = Enis.interfaceNamed("eni-web")
                .instance("i-web")
                .groups("sg-web")
                .addresses("10.0.1.10")
                .build();
        NetworkInterface db = Enis.interfaceNamed("eni-db")
                .description("RDSNetworkInterface")
                .requester("amazon-rds")
                .groups("sg-db")
                .addresses("10.0.1.20")
                .build();
        List<SecurityGroup> groups = new ArrayList<>();
        groups.add(new SecurityGroup(
                "sg-web",
                "web",
                "",
                "vpc-1",
                "123456789012",
                List.of(
                        new SecurityGroupRule(
                                "sgr-web-443", "sg-web", false, "tcp", 443, 443, "0.0.0.0/0", null, null, null, null),
                        new SecurityGroupRule(
                                "sgr-web-out", "sg-web", true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null)),
                Map.of()));
        groups.add(new SecurityGroup(
                "sg-db",
                "db",
                "",
                "vpc-1",
                "123456789012",
                List.of(new SecurityGroupRule(
                        "sgr-db-pg", "sg-db", false, "tcp", 5432, 5432, null, null, null, "sg-web", null)),
                Map.of()));
        return new InventorySnapshot(
                Instant.ofEpochSecond(T0),
                true,
                List.of(),
                List.of(web, db),
                groups,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, gzipBytes(text));
    }

    private static byte[] gzipBytes(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
