package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.enrich.EniRow;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.InventoryTables;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.SgRuleRow;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.aggregate.Combiner;
import io.vpcflow.jobs.aggregate.RuleUsageAggregator;
import io.vpcflow.jobs.aggregate.RuleUsageCombiner;
import io.vpcflow.jobs.aggregate.VerdictStatsAggregator;
import io.vpcflow.jobs.aggregate.VerdictStatsCombiner;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.inventory.InventoryReceiver;
import io.vpcflow.jobs.inventory.InventoryStores;
import io.vpcflow.jobs.inventory.InventoryUpdate;
import io.vpcflow.jobs.inventory.InventoryWatcher;
import io.vpcflow.jobs.sink.OutputTables;
import io.vpcflow.jobs.sink.ParquetWriters;
import io.vpcflow.jobs.sink.Table;
import io.vpcflow.jobs.sink.TableSinks;
import io.vpcflow.jobs.sink.kafka.AlertSink;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.file.FileLines;
import io.vpcflow.jobs.source.kafka.KafkaLines;
import io.vpcflow.jobs.source.s3.S3NotificationSource;
import io.vpcflow.jobs.types.FlowRowType;
import io.vpcflow.jobs.types.IpAddressType;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.RuleUsageRow;
import io.vpcflow.stats.VerdictStatsRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enrichment job: {@code source → parse (dead letters aside) → event time → attribute and judge →
 * partial sums → aggregate → Parquet tables}. {@link #build} makes it from a {@link JobConfig} (the cluster job, the
 * local replay and stream, the bench); {@link #topology} is the whole pipeline over any stream of lines, so tests
 * run the same code with other sources. Without per-record outputs, file readers attribute, judge and sum records
 * themselves and the topology only merges their partial sums.
 */
public final class EnrichmentJob {
    static {
        IpAddressType.register(); // before any type of a row is taken
        FlowRowType.register();
    }

    private EnrichmentJob() {}

    /**
     * The job's output streams. Enriched records come as parts, one per path through the job (records that
     * need no connection state, and TCP records with tcp-flags after a shuffle by connection): a consumer of
     * every record attaches to each part, so it stays chained to the operator before it; a union would
     * serialize every record once more.
     */
    public record Outputs(
            List<DataStream<FlowRow[]>> flows,
            DataStream<VerdictStatsRow> verdictStats,
            DataStream<RuleUsageRow> ruleUsage,
            DataStream<DeadLetterRow> deadLetters,
            SingleOutputStreamOperator<InventoryUpdate> inventory) {
        public Outputs {
            flows = List.copyOf(flows);
        }
    }

    /** The pipeline from lines to output streams, whatever the source. */
    public static Outputs topology(DataStream<LineItem> lines, JobConfig config) {
        // Event time comes first, so that the partial sums of files a reader summed itself move it too.
        SingleOutputStreamOperator<FlowRow[]> records = lines.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<LineItem>forBoundedOutOfOrderness(
                                        Duration.ofSeconds(config.outOfOrderSeconds))
                                .withTimestampAssigner((item, ts) -> item.eventTimeMillis())
                                // A reader with no new files must not hold event time back for the others.
                                .withIdleness(Duration.ofMinutes(1)))
                .name("event time")
                .uid("event-time")
                // The uid is older than the operator's name: savepoints know it by it.
                .process(new RouteItems())
                .name("route items")
                .uid("split-dead-letters");
        DataStream<DeadLetterRow> deadLetters = records.getSideOutput(RouteItems.DEAD_LETTERS);
        long windowSeconds = config.windowSeconds;
        // Everything up to the partial sums runs in the source's chain; only TCP records with tcp-flags, which
        // learn and use a connection's initiator, are shuffled by connection to keep it in state.
        SingleOutputStreamOperator<InventoryUpdate> inventory = null;
        SingleOutputStreamOperator<FlowRow[]> direct;
        DataStream<FlowRow[]> connections;
        if (config.inventoryBroadcast()) {
            inventory = inventoryReader(lines.getExecutionEnvironment(), config);
            BroadcastStream<InventoryUpdate> broadcast = inventory.broadcast(InventoryReceiver.FILES);
            direct = records.connect(broadcast)
                    // A bounded job's reader looks once: nothing would release a record held for a later snapshot.
                    .process(new BroadcastEnrichFunction(config.bounded() ? 0 : config.inventory.holdSeconds))
                    .name("attribute and judge")
                    .uid("enrich-broadcast");
            connections = direct.getSideOutput(EnrichFunction.NEEDS_CONNECTION_STATE)
                    .keyBy(ConnectionEnrichFunction::connectionKey)
                    .connect(broadcast)
                    .process(new BroadcastConnectionEnrichFunction(config.initiatorTtlSeconds))
                    .name("attribute and judge TCP connections")
                    .uid("enrich-connections-broadcast");
        } else {
            direct = records.process(new EnrichFunction(config.inventory.dir))
                    .name("attribute and judge")
                    .uid("enrich");
            connections = direct.getSideOutput(EnrichFunction.NEEDS_CONNECTION_STATE)
                    .keyBy(ConnectionEnrichFunction::connectionKey)
                    .process(new ConnectionEnrichFunction(config.inventory.dir, config.initiatorTtlSeconds))
                    .name("attribute and judge TCP connections")
                    .uid("enrich-connections");
        }

        DataStream<VerdictStatsRow> stats = combined(
                        direct,
                        connections,
                        "verdict stats partials",
                        VerdictStatsRow.class,
                        () -> new VerdictStatsCombiner(windowSeconds))
                .union(records.getSideOutput(RouteItems.VERDICT_PARTIALS))
                .keyBy(VerdictStatsAggregator::key)
                .process(new VerdictStatsAggregator(windowSeconds, config.latenessSeconds))
                .name("verdict stats")
                .uid("verdict-stats");
        DataStream<RuleUsageRow> ruleUsage = combined(
                        direct,
                        connections,
                        "rule usage partials",
                        RuleUsagePartial.class,
                        () -> new RuleUsageCombiner(windowSeconds))
                .union(records.getSideOutput(RouteItems.RULE_PARTIALS))
                .keyBy(RuleUsageAggregator::key)
                .process(new RuleUsageAggregator(windowSeconds, config.latenessSeconds))
                .name("rule usage")
                .uid("rule-usage");
        return new Outputs(List.of(direct, connections), stats, ruleUsage, deadLetters, inventory);
    }

    /**
     * The one reader of the inventory root: a tick a second (one for a bounded job) into the {@link InventoryWatcher},
     * at parallelism 1. Its stream carries no event time: it must never hold back the
     * records' watermark where the two meet.
     */
    private static SingleOutputStreamOperator<InventoryUpdate> inventoryReader(
            StreamExecutionEnvironment env, JobConfig config) {
        if (config.inventory.fetch == null) {
            // A root that is not there at all is a mistake to say when the job is submitted, not a job that runs
            // unattributed; one that cannot be read later is counted and its last good inventory kept.
            try (InventoryStore root = InventoryStores.open(config.inventory)) {
                root.list();
            }
        }
        // A tick a second: the reader lists the root every refresh-seconds, and commits (the heartbeat waiting records
        // are looked at again on) every tick. A rate limiter's first permit can take a whole period to come.
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(
                i -> i, config.bounded() ? 1 : Long.MAX_VALUE, RateLimiterStrategy.perSecond(1), Types.LONG);
        return env.fromSource(ticks, WatermarkStrategy.forGenerator(c -> new NoEventTime()), "inventory ticks")
                .setParallelism(1)
                .uid("inventory-ticks")
                .process(new InventoryWatcher(
                        config.inventory,
                        config.bounded() ? 0 : config.inventory.refreshSeconds,
                        config.tables.contains(Table.ENIS),
                        config.tables.contains(Table.SG_RULES)))
                .setParallelism(1)
                .name("inventory reader")
                .uid("inventory-reader");
    }

    /** The watermark of a stream without event time: the end of time, so the other input alone decides. */
    private static final class NoEventTime implements WatermarkGenerator<Long> {
        @Override
        public void onEvent(Long tick, long timestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }

    /** A combiner on each enriched part, chained to it, and the union of their partials. */
    private static <P> DataStream<P> combined(
            DataStream<FlowRow[]> direct,
            DataStream<FlowRow[]> connections,
            String name,
            Class<P> type,
            Supplier<Combiner<P>> combiner) {
        String uid = name.replace(' ', '-');
        return direct.transform(name, TypeInformation.of(type), combiner.get())
                .uid(uid)
                .union(connections
                        .transform(name + " (TCP connections)", TypeInformation.of(type), combiner.get())
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

    /** The configured source: a Kafka topic, S3 objects (announced on SQS or listed), or files. */
    public static DataStream<LineItem> lines(StreamExecutionEnvironment env, JobConfig config) {
        // Every source the same shape: the configuration in, the stream of items out.
        if (config.source.kafka != null) {
            return KafkaLines.source(env, config);
        }
        if (config.source.s3 != null) {
            return S3NotificationSource.lines(env, config);
        }
        return FileLines.source(env, config);
    }

    /**
     * Parquet sinks for the chosen tables, one folder per table, Hive-style {@code dt=/hour=} partitions by event
     * time. Without {@code flows} (the raw logs already sit in S3) a run writes the aggregates and skips the
     * per-record table, by far its most expensive output. Dead letters are always written.
     */
    public static void sinks(Outputs o, JobConfig config) {
        Set<Table> tables = config.tables;
        if (tables.contains(Table.FLOWS)) {
            // One sink per part, each chained to its part; distinct file prefixes keep their files apart.
            for (int i = 0; i < o.flows().size(); i++) {
                String suffix = i == 0 ? "" : "-" + i;
                // A batch holds records of one hour (PendingItems), so its first record's time places it.
                o.flows()
                        .get(i)
                        .sinkTo(TableSinks.sink(
                                OutputTables.FLOWS.name(),
                                ParquetWriters.batches(OutputTables.FLOWS),
                                config.output,
                                rows -> rows[0].windowTime(),
                                "part" + suffix))
                        .name("flows table" + suffix)
                        .uid("flows-table" + suffix);
            }
        }
        if (tables.contains(Table.VERDICT_STATS)) {
            o.verdictStats()
                    .sinkTo(TableSinks.sink(OutputTables.VERDICT_STATS, config.output, r -> r.windowStart))
                    .name("verdict_stats table")
                    .uid("verdict-stats-table");
        }
        if (tables.contains(Table.RULE_USAGE)) {
            o.ruleUsage()
                    .sinkTo(TableSinks.sink(OutputTables.RULE_USAGE, config.output, r -> r.windowStart))
                    .name("rule_usage table")
                    .uid("rule-usage-table");
        }
        // Dead letters are never optional: bad input is never lost.
        o.deadLetters()
                .sinkTo(TableSinks.sink(OutputTables.DEAD_LETTERS, config.output, r -> r.ingestTime / 1000))
                .name("dead_letters table")
                .uid("dead-letters-table");
    }

    /**
     * Builds the whole job on {@code env}: the configured source, the topology, the chosen tables (the inventory's
     * too), and the alerts topic when configured.
     */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        if (config.parallelism > 0) {
            env.setParallelism(config.parallelism);
        }
        if (config.checkpointSeconds > 0) {
            env.enableCheckpointing(config.checkpointSeconds * 1000, CheckpointingMode.EXACTLY_ONCE);
        }
        useObjectReuse(env);
        Outputs outputs = topology(lines(env, config), config);
        sinks(outputs, config);
        if (outputs.inventory() != null) {
            inventoryTables(outputs.inventory(), config);
        } else if (config.tables.contains(Table.ENIS) || config.tables.contains(Table.SG_RULES)) {
            inventoryTables(env, config);
        }
        if (config.alerts != null) {
            AlertSink.alerts(
                    outputs.flows(), config.alerts.bootstrap, config.alerts.topic, config.alerts.exactlyOnce());
        }
    }

    /** Writes the chosen of {@code enis} and {@code sg_rules} of each snapshot as the inventory reader finds it. */
    private static void inventoryTables(SingleOutputStreamOperator<InventoryUpdate> reader, JobConfig config) {
        if (config.tables.contains(Table.ENIS)) {
            reader.getSideOutput(InventoryWatcher.ENIS)
                    .sinkTo(TableSinks.sink(OutputTables.ENIS, config.output, r -> r.snapshotTime))
                    .setParallelism(1)
                    .name("enis table")
                    .uid("enis-table-broadcast");
        }
        if (config.tables.contains(Table.SG_RULES)) {
            reader.getSideOutput(InventoryWatcher.SG_RULES)
                    .sinkTo(TableSinks.sink(OutputTables.SG_RULES, config.output, r -> r.snapshotTime))
                    .setParallelism(1)
                    .name("sg_rules table")
                    .uid("sg-rules-table-broadcast");
        }
    }

    /** Writes the chosen of {@code enis} and {@code sg_rules} from the snapshots the job uses, read when it is built. */
    private static void inventoryTables(StreamExecutionEnvironment env, JobConfig config) {
        List<InventorySnapshot> snapshots =
                LoadedInventory.current(config.inventory.dir).timeline().snapshots();
        long now = Instant.now().getEpochSecond();
        List<EniRow> enis = config.tables.contains(Table.ENIS) ? InventoryTables.enis(snapshots, now) : List.of();
        if (!enis.isEmpty()) {
            env.fromData(enis, TypeInformation.of(EniRow.class))
                    .name("inventory interfaces")
                    .uid("inventory-enis")
                    .sinkTo(TableSinks.sink(OutputTables.ENIS, config.output, r -> r.snapshotTime))
                    .name("enis table")
                    .uid("enis-table");
        }
        List<SgRuleRow> rules =
                config.tables.contains(Table.SG_RULES) ? InventoryTables.sgRules(snapshots, now) : List.of();
        if (!rules.isEmpty()) {
            env.fromData(rules, TypeInformation.of(SgRuleRow.class))
                    .name("inventory rules")
                    .uid("inventory-rules")
                    .sinkTo(TableSinks.sink(OutputTables.SG_RULES, config.output, r -> r.snapshotTime))
                    .name("sg_rules table")
                    .uid("sg-rules-table");
        }
    }
}
