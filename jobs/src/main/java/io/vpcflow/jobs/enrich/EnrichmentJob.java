package io.vpcflow.jobs.enrich;

import io.vpcflow.jobs.parquet.HivePartitions;
import io.vpcflow.jobs.parquet.ParquetTable;
import io.vpcflow.inventory.InventorySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.BulkWriter;
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
 * partial sums → aggregate → Parquet tables}. {@link #topology} is the whole pipeline over any stream of
 * lines, so tests, the local replay and the cluster deployment run the same code with different sources
 * and sinks. Without per-record outputs, file readers attribute, judge and sum records themselves
 * ({@link ReaderAggregation}) and the topology only merges their partial sums.
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

    /**
     * The job's output streams. Enriched records come as parts, one per path through the job (records that
     * need no connection state, and TCP records with tcp-flags after a shuffle by connection): a consumer of
     * every record attaches to each part, so it stays chained to the operator before it; a union would
     * serialize every record once more.
     */
    public record Outputs(List<DataStream<FlowRow[]>> flows, DataStream<VerdictStatsRow> verdictStats,
                          DataStream<RuleUsageRow> ruleUsage, DataStream<DeadLetterRow> deadLetters) {
        public Outputs {
            flows = List.copyOf(flows);
        }
    }

    /** The pipeline from lines to output streams, whatever the source. */
    public static Outputs topology(DataStream<LineItem> lines, Config config) {
        // Event time comes first, so that the partial sums of files a reader summed itself move it too.
        SingleOutputStreamOperator<FlowRow[]> records = lines
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<LineItem>forBoundedOutOfOrderness(Duration.ofSeconds(config.outOfOrderSeconds()))
                        .withTimestampAssigner((item, ts) -> item.eventTimeMillis())
                        // A reader with no new files must not hold event time back for the others.
                        .withIdleness(Duration.ofMinutes(1)))
                .name("event time").uid("event-time")
                .process(new SplitDeadLetters()).name("split dead letters").uid("split-dead-letters");
        DataStream<DeadLetterRow> deadLetters = records.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        long windowSeconds = config.windowSeconds();
        // Everything up to the partial sums runs in the source's chain; only TCP records with tcp-flags, which
        // learn and use a connection's initiator, are shuffled by connection to keep it in state.
        SingleOutputStreamOperator<FlowRow[]> direct = records
                .process(new EnrichFunction(config.inventoryDir(), config.inventoryRefreshSeconds()))
                .name("attribute and judge").uid("enrich");
        DataStream<FlowRow[]> connections = direct.getSideOutput(EnrichFunction.NEEDS_CONNECTION_STATE)
                .keyBy(ConnectionEnrichFunction::connectionKey)
                .process(new ConnectionEnrichFunction(config.inventoryDir(), config.initiatorTtlSeconds(),
                        config.inventoryRefreshSeconds()))
                .name("attribute and judge TCP connections").uid("enrich-connections");

        DataStream<VerdictStatsRow> stats = combined(direct, connections, "verdict stats partials",
                VerdictStatsRow.class, () -> new VerdictStatsCombiner(windowSeconds))
                .union(records.getSideOutput(SplitDeadLetters.VERDICT_PARTIALS))
                .keyBy(VerdictStatsAggregator::key)
                .process(new VerdictStatsAggregator(windowSeconds, config.latenessSeconds()))
                .name("verdict stats").uid("verdict-stats");
        DataStream<RuleUsageRow> ruleUsage = combined(direct, connections, "rule usage partials",
                RuleUsagePartial.class, () -> new RuleUsageCombiner(windowSeconds))
                .union(records.getSideOutput(SplitDeadLetters.RULE_PARTIALS))
                .keyBy(RuleUsageAggregator::key)
                .process(new RuleUsageAggregator(windowSeconds, config.latenessSeconds()))
                .name("rule usage").uid("rule-usage");
        return new Outputs(List.of(direct, connections), stats, ruleUsage, deadLetters);
    }

    /** A combiner on each enriched part, chained to it, and the union of their partials. */
    private static <P> DataStream<P> combined(DataStream<FlowRow[]> direct, DataStream<FlowRow[]> connections,
                                              String name, Class<P> type, Supplier<Combiner<P>> combiner) {
        String uid = name.replace(' ', '-');
        return direct.transform(name, TypeInformation.of(type), combiner.get()).uid(uid)
                .union(connections.transform(name + " (TCP connections)", TypeInformation.of(type), combiner.get())
                        .uid(uid + "-connections"));
    }

    /**
     * Settings every environment of this job wants, on top of {@code conf}. Flink 2.2's file source can leave
     * a split fetcher that finished its file waiting forever for a hand-over its queue dropped (FLINK-40660);
     * closing the source then waits out {@code source.reader.close.timeout}, 30 s by default, for it. Its
     * records were all delivered, so a short timeout only shortens the wait at the end of a bounded run.
     */
    public static org.apache.flink.configuration.Configuration recommended(
            org.apache.flink.configuration.Configuration conf) {
        conf.set(org.apache.flink.connector.base.source.reader.SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 2000L);
        return conf;
    }

    /**
     * Lets chained operators pass records without copying them. Safe here: sources make a new object per
     * line, enrichment changes a record before anything else sees it, and the consumers of the enriched
     * stream (sinks, combiner, filter) only read it.
     */
    public static void useObjectReuse(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }

    /** The file source over the configured inputs, handing on every record. */
    public static DataStream<LineItem> fileSource(StreamExecutionEnvironment env, Config config) {
        return fileSource(env, config, false);
    }

    /**
     * The file source over the configured inputs.
     *
     * @param sumInReader attribute, judge and sum records where they are read, handing on per file only their
     *                    partial sums (and the records that need connection state): for a job without any
     *                    per-record output ({@code flows}, alerts), where it saves the per-record cost of
     *                    passing every record through Flink's operators
     */
    public static DataStream<LineItem> fileSource(StreamExecutionEnvironment env, Config config, boolean sumInReader) {
        Path[] paths = config.inputs().stream().map(Path::new).toArray(Path[]::new);
        ReaderAggregation aggregation = sumInReader ? new ReaderAggregation(config.inventoryDir(), config.windowSeconds(),
                config.inventoryRefreshSeconds() > 0) : null;
        FileSource.FileSourceBuilder<LineItem> b =
                FileSource.forBulkFileFormat(new FlowLogBulkFormat(config.format(), aggregation), paths);
        if (config.monitorSeconds() > 0) {
            b.monitorContinuously(Duration.ofSeconds(config.monitorSeconds()));
        }
        // A reader's position counts the items it handed on, records in batches since the uid's suffix: a savepoint
        // whose positions counted single records must fail to restore here rather than skip the wrong lines.
        // Small files go to a reader several at a time (up to 1 MiB of gzip ahead of it): one split request per
        // file costs far more than a quiet VPC's file of a few dozen records.
        return env.fromSource(new FewerSplitRequests<>(b.build(), 1 << 20), WatermarkStrategy.noWatermarks(),
                        "flow log files")
                .uid("flow-log-files-batched");
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
            // One sink per part, each chained to its part; distinct file prefixes keep their files apart.
            for (int i = 0; i < o.flows().size(); i++) {
                String suffix = i == 0 ? "" : "-" + i;
                // A batch holds records of one hour (PendingItems), so its first record's time places it.
                o.flows().get(i).sinkTo(sink(OutputTables.FLOWS.name(), OutputTables.FLOWS.batchWriterFactory(), config,
                                rows -> rows[0].eventTime(), "part" + suffix))
                        .name("flows table" + suffix).uid("flows-table" + suffix);
            }
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
        return sink(table.name(), table.writerFactory(), config, time, "part");
    }

    private static <T> FileSink<T> sink(String table, BulkWriter.Factory<T> writer, Config config,
                                        HivePartitions.EventTime<T> time, String prefix) {
        return FileSink.forBulkFormat(new Path(config.outputDir(), table), writer)
                .withBucketAssigner(new HivePartitions<>(time))
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".parquet").build())
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
        sinks(topology(fileSource(env, config, !tables.contains("flows")), config), config, tables);
        if (tables.contains("enis") || tables.contains("sg_rules")) {
            inventoryTables(env, config);
        }
    }

    /** Writes {@code enis} and {@code sg_rules} from the snapshots the job uses, read once when the job is built. */
    public static void inventoryTables(StreamExecutionEnvironment env, Config config) {
        List<InventorySnapshot> snapshots = LoadedInventory.current(config.inventoryDir()).timeline().snapshots();
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
