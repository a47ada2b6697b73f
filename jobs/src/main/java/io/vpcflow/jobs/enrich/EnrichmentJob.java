package io.vpcflow.jobs.enrich;

import io.vpcflow.jobs.parquet.HivePartitions;
import io.vpcflow.jobs.parquet.ParquetTable;
import io.vpcflow.inventory.InventoryFiles;
import io.vpcflow.inventory.InventorySnapshot;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * The enrichment job: {@code source → parse (dead letters aside) → event time → attribute and judge →
 * aggregate → Parquet tables}. {@link #topology} is the whole pipeline over any stream of lines, so tests,
 * the local replay and the cluster deployment run the same code with different sources and sinks.
 */
public final class EnrichmentJob {
    private EnrichmentJob() {
    }

    /**
     * What the job needs to know.
     *
     * @param inputs           files or folders, local or any Flink file system ({@code s3://...})
     * @param inventoryDir     an inventory snapshot or series folder
     * @param outputDir        where the tables go, one folder each
     * @param format           the format of lines without a header, or null for the default v2 layout
     * @param windowSeconds    the {@code verdict_stats} window
     * @param latenessSeconds  how long after its end a window waits for late records before it is written
     * @param outOfOrderSeconds how far event time may go back before the watermark passes a record
     * @param monitorSeconds   0 to read the inputs once; else look for new files this often
     * @param initiatorTtlSeconds how long a connection's initiator is remembered after it was last seen
     * @param inventoryRefreshSeconds how often to look for a changed inventory folder; 0: read it once
     * @param checkpointMillis  the checkpoint interval: Parquet files are committed on checkpoints, so a
     *                          continuous job needs one; 0 leaves checkpointing as the environment has it
     */
    public record Config(List<String> inputs, String inventoryDir, String outputDir, String format, long windowSeconds,
                         long latenessSeconds, long outOfOrderSeconds, long monitorSeconds, long initiatorTtlSeconds,
                         long inventoryRefreshSeconds, long checkpointMillis) {
        public Config {
            inputs = List.copyOf(inputs);
            if (windowSeconds <= 0) {
                throw new IllegalArgumentException("the window must be at least one second");
            }
        }

        public static Config defaults(List<String> inputs, String inventoryDir, String outputDir) {
            return new Config(inputs, inventoryDir, outputDir, null, 300, 600, 900, 0, 3600, 0, 0);
        }

        /**
         * A replay of a backlog (files, a topic, a bucket). Files are read whole, one after another, so event time
         * jumps back between them; a day of allowed disorder keeps windows open until the end instead of
         * correcting them.
         */
        public static Config replay(List<String> inputs, String inventoryDir, String outputDir) {
            return new Config(inputs, inventoryDir, outputDir, null, 300, 600, 86_400, 0, 3600, 0, 0);
        }

        /** The same job with a given log format (null: read each file's header) and window length. */
        public Config with(String format, long windowSeconds) {
            return new Config(inputs, inventoryDir, outputDir, format, windowSeconds, latenessSeconds, outOfOrderSeconds,
                    monitorSeconds, initiatorTtlSeconds, inventoryRefreshSeconds, checkpointMillis);
        }

        /** The same job, reading continuously: new files are looked for every {@code monitorSeconds}. */
        public Config continuous(long monitorSeconds, long refreshSeconds, long checkpointMillis) {
            return new Config(inputs, inventoryDir, outputDir, format, windowSeconds, latenessSeconds, outOfOrderSeconds,
                    monitorSeconds, initiatorTtlSeconds, refreshSeconds, checkpointMillis);
        }
    }

    /** The job's output streams. */
    public record Outputs(DataStream<FlowRow> flows, DataStream<VerdictStatsRow> verdictStats,
                          DataStream<RuleUsageRow> ruleUsage, DataStream<DeadLetterRow> deadLetters) {
    }

    /** The pipeline from lines to output streams, whatever the source. */
    public static Outputs topology(DataStream<LineItem> lines, Config config) {
        SingleOutputStreamOperator<FlowRow> records = lines.process(new SplitDeadLetters())
                .name("split dead letters").uid("split-dead-letters");
        DataStream<DeadLetterRow> deadLetters = records.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        long windowSeconds = config.windowSeconds();
        DataStream<FlowRow> enriched = records
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<FlowRow>forBoundedOutOfOrderness(Duration.ofSeconds(config.outOfOrderSeconds()))
                        .withTimestampAssigner((r, ts) -> r.eventTime() * 1000)
                        // A reader with no new files must not hold event time back for the others.
                        .withIdleness(Duration.ofMinutes(1)))
                .name("event time").uid("event-time")
                .keyBy(EnrichFunction::connectionKey)
                .process(new EnrichFunction(config.inventoryDir(), config.initiatorTtlSeconds(),
                        config.inventoryRefreshSeconds()))
                .name("attribute and judge").uid("enrich");
        DataStream<VerdictStatsRow> stats = enriched
                .transform("verdict stats partials", TypeInformation.of(VerdictStatsRow.class),
                        new VerdictStatsCombiner(windowSeconds)).uid("verdict-stats-partials")
                .keyBy(VerdictStatsAggregator::key)
                .process(new VerdictStatsAggregator(windowSeconds, config.latenessSeconds()))
                .name("verdict stats").uid("verdict-stats");
        DataStream<RuleUsageRow> ruleUsage = enriched
                .filter(RuleUsageAggregator::usesARule).name("matched a rule").uid("matched-a-rule")
                .keyBy(r -> RuleUsageAggregator.key(r, windowSeconds))
                .process(new RuleUsageAggregator(windowSeconds, config.latenessSeconds()))
                .name("rule usage").uid("rule-usage");
        return new Outputs(enriched, stats, ruleUsage, deadLetters);
    }

    /**
     * Lets chained operators pass records without copying them. Safe here: sources make a new object per
     * line, enrichment changes a record before anything else sees it, and the consumers of the enriched
     * stream (sinks, combiner, filter) only read it.
     */
    public static void useObjectReuse(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }

    /** The file source over the configured inputs. */
    public static DataStream<LineItem> fileSource(StreamExecutionEnvironment env, Config config) {
        Path[] paths = config.inputs().stream().map(Path::new).toArray(Path[]::new);
        FileSource.FileSourceBuilder<LineItem> b =
                FileSource.forBulkFileFormat(new FlowLogBulkFormat(config.format()), paths);
        if (config.monitorSeconds() > 0) {
            b.monitorContinuously(Duration.ofSeconds(config.monitorSeconds()));
        }
        return env.fromSource(b.build(), WatermarkStrategy.noWatermarks(), "flow log files").uid("flow-log-files");
    }

    /** Parquet sinks, one folder per table, Hive-style {@code dt=/hour=} partitions by event time. */
    public static void sinks(Outputs o, Config config) {
        sinks(o, config, ALL_TABLES);
    }

    /** Every table a run can write. */
    public static final Set<String> ALL_TABLES = Set.of("flows", "verdict_stats", "rule_usage", "dead_letters", "enis",
            "sg_rules");

    /**
     * Parquet sinks for the chosen tables only: without {@code flows} (the raw logs already sit in S3) a run
     * writes the aggregates and skips the per-record table, by far its most expensive output.
     */
    public static void sinks(Outputs o, Config config, Set<String> tables) {
        if (tables.contains("flows")) {
            o.flows().sinkTo(sink(OutputTables.FLOWS, config, FlowRow::eventTime)).name("flows table").uid("flows-table");
        }
        if (tables.contains("verdict_stats")) {
            o.verdictStats().sinkTo(sink(OutputTables.VERDICT_STATS, config, r -> r.windowStart))
                    .name("verdict_stats table").uid("verdict-stats-table");
        }
        if (tables.contains("rule_usage")) {
            o.ruleUsage().sinkTo(sink(OutputTables.RULE_USAGE, config, r -> r.windowStart))
                    .name("rule_usage table").uid("rule-usage-table");
        }
        // Dead letters are never optional: bad input is never lost.
        o.deadLetters().sinkTo(sink(OutputTables.DEAD_LETTERS, config, r -> r.ingestTime / 1000))
                .name("dead_letters table").uid("dead-letters-table");
    }

    private static <T> FileSink<T> sink(ParquetTable<T> table, Config config, HivePartitions.EventTime<T> time) {
        return FileSink.forBulkFormat(new Path(config.outputDir(), table.name()), table.writerFactory())
                .withBucketAssigner(new HivePartitions<>(time))
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
    }

    /** Builds the whole job on {@code env}: file source, topology, Parquet sinks, and the inventory tables. */
    public static void build(StreamExecutionEnvironment env, Config config) {
        build(env, config, ALL_TABLES);
    }

    /** As {@link #build(StreamExecutionEnvironment, Config)}, writing only the chosen tables (and dead letters). */
    public static void build(StreamExecutionEnvironment env, Config config, Set<String> tables) {
        useObjectReuse(env);
        if (config.checkpointMillis() > 0) {
            env.enableCheckpointing(config.checkpointMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        sinks(topology(fileSource(env, config), config), config, tables);
        if (tables.contains("enis") || tables.contains("sg_rules")) {
            inventoryTables(env, config);
        }
    }

    /** Writes {@code enis} and {@code sg_rules} from the snapshots the job uses, read once when the job is built. */
    public static void inventoryTables(StreamExecutionEnvironment env, Config config) {
        List<InventorySnapshot> snapshots = InventoryFiles.read(Paths.get(config.inventoryDir()));
        long now = Instant.now().getEpochSecond();
        List<EniRow> enis = InventoryTables.enis(snapshots, now);
        if (!enis.isEmpty()) {
            env.fromData(enis, TypeInformation.of(EniRow.class)).name("inventory interfaces").uid("inventory-enis")
                    .sinkTo(sink(OutputTables.ENIS, config, r -> r.snapshotTime)).name("enis table").uid("enis-table");
        }
        List<SgRuleRow> rules = InventoryTables.sgRules(snapshots, now);
        if (!rules.isEmpty()) {
            env.fromData(rules, TypeInformation.of(SgRuleRow.class)).name("inventory rules").uid("inventory-rules")
                    .sinkTo(sink(OutputTables.SG_RULES, config, r -> r.snapshotTime)).name("sg_rules table")
                    .uid("sg-rules-table");
        }
    }
}
