package io.vpcflow.cli.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.cli.support.FormatOption;
import io.vpcflow.cli.support.InputFiles;
import io.vpcflow.cli.support.InventoryGaps;
import io.vpcflow.cli.support.OutputLock;
import io.vpcflow.cli.support.ParallelismOption;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.InventoryTables;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RunTally;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.jobs.TallyAccumulator;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.sink.Table;
import io.vpcflow.jobs.source.kafka.KafkaReach;
import io.vpcflow.jobs.source.kafka.LinePublisher;
import io.vpcflow.query.RunState;
import io.vpcflow.query.RunSummary;
import io.vpcflow.query.Warehouse;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vpcflow replay}: the enrichment job on an embedded Flink over files, then a summary of what it found. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Runs the enrichment job on an embedded Flink over flow-log files (default: sample-data/), "
                + "writes the tables (flows, verdict_stats, rule_usage, dead_letters, enis, sg_rules) as "
                + "Hive-partitioned Parquet, and prints a summary: records, dead letters, verdicts, owners, the top "
                + "unexpected flows and the rules no record used.")
public final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "Flow-log files or folders (read recursively). " + "Default: sample-data/flowlogs.")
    List<Path> inputs;

    @Option(
            names = "--inventory",
            paramLabel = "DIR",
            description = "The inventory: a snapshot folder or a series. " + "Default: sample-data/inventory.")
    Path inventory = Paths.get("sample-data", "inventory");

    @Option(names = "--out", paramLabel = "DIR", description = "Where the tables go. Default: ./vpcflow-out.")
    Path out = Paths.get("vpcflow-out");

    @Option(names = "--overwrite", description = "Replace the tables of an earlier run in --out.")
    boolean overwrite;

    /** The job's progress, as last polled: what an interrupted run says it did. */
    private volatile long recordsRead;

    private volatile long filesStarted;

    @Mixin
    ParallelismOption parallelism;

    @Mixin
    FormatOption format;

    @Option(
            names = "--window",
            paramLabel = "SECONDS",
            description = "The verdict_stats and rule_usage window. " + "Default: 300.")
    long windowSeconds = 300;

    @Option(
            names = "--tables",
            paramLabel = "LIST",
            split = ",",
            converter = TableConverter.class,
            description =
                    "Which tables to write: flows, verdict_stats, rule_usage, enis, sg_rules (dead_letters always). "
                            + "Default: all.")
    java.util.Set<Table> tables;

    /** A table by its name; a wrong one is a sentence that lists the tables. */
    static final class TableConverter implements CommandLine.ITypeConverter<Table> {
        @Override
        public Table convert(String name) {
            try {
                return Table.of(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(TerminalText.safe(e.getMessage(), 200));
            }
        }
    }

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Instead of running the job, publish the input "
                    + "lines to Kafka (host:port,...) in event-time order, for the streaming deployment.")
    String kafka;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "SECONDS",
            description =
                    "With --kafka: how long to wait for the broker before giving up in one sentence. Default: 30.")
    long kafkaTimeout = KafkaReach.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--topic", paramLabel = "T", description = "The Kafka topic for --kafka.")
    String topic;

    @Option(
            names = "--speed",
            paramLabel = "X",
            description =
                    "With --kafka: the original cadence sped up X times " + "(0: as fast as possible). Default: 60.")
    double speed = 60;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> in = inputs == null || inputs.isEmpty() ? List.of(Paths.get("sample-data", "flowlogs")) : inputs;
        for (Path p : in) {
            if (!Files.exists(p)) {
                throw new UserError(
                        inputs == null
                                ? "no sample-data/flowlogs here: run from the repository root, or give " + "--input"
                                : "no such file or folder: " + p);
            }
        }
        LocalFiles.Listing listing = InputFiles.expand(in);
        InputFiles.printSkipped(listing, err);
        if (kafka != null) {
            for (LocalFiles.Unreadable u : listing.unreadable()) {
                err.println("vpcflow: cannot read " + TerminalText.safe(u.path().toString()) + ": "
                        + TerminalText.safe(u.why()));
            }
            return publish(listing.files(), stdout);
        }
        if (windowSeconds < 1) {
            throw new UserError("--window must be at least 1 second");
        }
        checkOut(); // before the lock file goes into a folder that is not ours
        int tasks = parallelism.valueFor(listing.files());
        // The embedded cluster comes up while the inventory is read and the job is built.
        try (EarlyCluster cluster = EarlyCluster.start(flinkConfiguration(tasks), tasks)) {
            checkInventory();
            // One run per output folder at a time: a second one would double every total.
            try (OutputLock lock = OutputLock.acquire(out, "replay")) {
                clearOut(checkOut());
                run(in, listing, cluster, stdout, err);
            }
        }
        stdout.flush();
        err.flush();
        return 0;
    }

    /** The embedded cluster's settings for a run of {@code tasks} parallel tasks. */
    private static Configuration flinkConfiguration(int tasks) {
        Configuration conf = EnrichmentJob.recommended(new Configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Running counters reach the client with heartbeats: beat every second so progress moves.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, java.time.Duration.ofSeconds(1));
        if (tasks <= 2) {
            // Flink's 64 MB of network buffers are allocated and zeroed up front: a few tasks need a quarter of it.
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(16));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(16));
        }
        return conf;
    }

    /** The job on the embedded Flink, then the summary of what it did. */
    private void run(List<Path> in, LocalFiles.Listing files, EarlyCluster cluster, PrintWriter stdout, PrintWriter err)
            throws Exception {
        JobConfig config = JobConfig.replay(
                in.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                inventory.toAbsolutePath().toString(),
                out.toAbsolutePath().toString());
        config.format = format.awsFormatOrNull();
        config.windowSeconds = windowSeconds;
        if (tables != null && !tables.isEmpty()) {
            config.tables = java.util.EnumSet.copyOf(tables);
        }
        StreamExecutionEnvironment env = cluster.environment();
        EnrichmentJob.build(env, config);

        // Said first and last: until the last says complete, query and report know the tables are not a whole run.
        RunState state = RunState.started("replay");
        state.writeTo(out);
        // The job reads what the walk found by the same rule; an unreadable entry is a split too (a dead letter).
        int splits = files.files().size() + files.unreadable().size();
        Thread onInterrupt = new Thread(() -> interrupted(state, err, splits), "vpcflow-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        JobExecutionResult result;
        try {
            result = await(env.executeAsync("vpcflow replay"), err, splits);
        } catch (Exception | Error e) {
            state.ended(RunState.FAILED, String.valueOf(e.getMessage()), null).writeTo(out);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran
            }
        }
        // The summary is the job's own counts: reading the tables back would cost more than the job on small inputs.
        RunSummary s = RunSummary.of(
                result.getAccumulatorResult(TallyAccumulator.NAME) instanceof RunTally t ? t : new RunTally(),
                config.tables.contains(Table.SG_RULES)
                        ? InventoryTables.sgRules(
                                LoadedInventory.current(config.inventory.dir)
                                        .timeline()
                                        .snapshots(),
                                Instant.now().getEpochSecond())
                        : List.of(),
                config.tables.contains(Table.RULE_USAGE));
        Map<String, Object> counts = new java.util.LinkedHashMap<>();
        counts.put("files", files.files().size());
        counts.put("records", s.records());
        counts.put("deadLetters", s.deadLetters());
        state.ended(RunState.COMPLETE, null, counts).writeTo(out);
        Timing timing = new Timing(result.getNetRuntime() / 1e3, secondsSinceStart());
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("files", files.files().size());
            m.putAll(s.counts());
            m.put("latePartials", value(result, "latePartials"));
            m.put("seconds", Math.round(timing.total() * 100) / 100.0);
            m.put("jobSeconds", Math.round(timing.job() * 100) / 100.0);
            // The process's CPU on every thread so far, start-up included: what a one-shot run costs.
            m.put(
                    "cpuSeconds",
                    ((com.sun.management.OperatingSystemMXBean)
                                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                                    .getProcessCpuTime()
                            / 1e9);
            stdout.println(JSON.writeValueAsString(m));
        } else {
            printSummary(stdout, s, files.files().size(), timing, value(result, "latePartials"));
        }
        if (s.records() > 0 && s.owners().getOrDefault("unattributed", 0L) == s.records()) {
            err.println("vpcflow: no record's interface is in the inventory " + inventory
                    + ": is it the inventory of the same account and region as the logs?");
        }
    }

    private int publish(List<Path> files, PrintWriter stdout) throws Exception {
        if (topic == null || topic.isBlank()) {
            throw new UserError("--kafka needs --topic");
        }
        if (speed < 0) {
            throw new UserError("--speed must be 0 or more");
        }
        if (kafkaTimeout <= 0) {
            throw new UserError("--kafka-timeout must be 1 second or more");
        }
        Duration timeout = Duration.ofSeconds(kafkaTimeout);
        try {
            KafkaReach.check(kafka, null, timeout);
        } catch (KafkaReach.Unreachable e) {
            throw new UserError(e.getMessage() + " (--kafka-timeout waits longer)");
        }
        List<LinePublisher.Line> lines = LinePublisher.read(files, format.format);
        PrintWriter err = spec.commandLine().getErr();
        LongSummaryStatistics times = lines.stream()
                .mapToLong(LinePublisher.Line::time)
                .filter(t -> t != Long.MIN_VALUE)
                .summaryStatistics();
        double seconds = speed == 0 || times.getCount() == 0 ? 0 : (times.getMax() - times.getMin()) / speed;
        err.printf(
                "vpcflow: publishing %,d lines from %d files to %s on %s%s; Ctrl-C stops%n",
                lines.size(),
                files.size(),
                topic,
                kafka,
                speed == 0 ? " as fast as it takes them" : String.format(" over about %,.0f s", seconds));
        err.flush();
        AtomicLong progress = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vpcflow-progress");
            t.setDaemon(true);
            return t;
        });
        if (System.console() != null) {
            ticker.scheduleAtFixedRate(
                    () -> {
                        err.printf("\r\033[K%,d of %,d lines published", progress.get(), lines.size());
                        err.flush();
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
        }
        long sent;
        try {
            sent = LinePublisher.publish(lines, kafka, topic, speed, progress);
        } catch (org.apache.kafka.common.KafkaException | ExecutionException | TimeoutException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserError(
                    "cannot publish to Kafka at " + kafka + ": " + Lines.first(String.valueOf(root.getMessage())));
        } finally {
            ticker.shutdownNow();
        }
        if (System.console() != null) {
            err.print("\r\033[K");
            err.flush();
        }
        stdout.printf("published %,d lines from %d files to %s on %s%n", sent, files.size(), topic, kafka);
        stdout.flush();
        return 0;
    }

    private void checkInventory() {
        try {
            // Read and compile now, so a bad inventory is one sentence here and not a failed job; the local job
            // then uses this very copy (same folder string as its configuration).
            LoadedInventory loaded =
                    LoadedInventory.current(inventory.toAbsolutePath().toString());
            InventoryGaps.warn(spec.commandLine().getErr(), loaded);
        } catch (InventoryException e) {
            throw new UserError(e.getMessage()
                    + (inventory.equals(Paths.get("sample-data", "inventory"))
                            ? " (run from the repository root, or give --inventory)"
                            : ""));
        }
    }

    /** What an earlier run left in --out (to be replaced), or a sentence on why --out cannot be used. */
    private List<Path> checkOut() throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        if (!Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a file, not a folder");
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(out)) {
            children = s.filter(c -> !c.getFileName().toString().equals(OutputLock.FILE))
                    .toList();
        }
        // The state of the last run is replaced as this one starts; its tables must go first.
        boolean onlyTables = children.stream()
                .map(c -> c.getFileName().toString())
                .allMatch(n ->
                        n.equals(RunState.FILE) || n.equals(RunState.FILE + ".tmp") || Warehouse.TABLES.contains(n));
        if (children.isEmpty()) {
            return children;
        }
        if (!overwrite || !onlyTables) {
            throw new UserError("the output folder " + out + " is not empty"
                    + (onlyTables
                            ? ": give --overwrite to replace the earlier run's tables"
                            : " and holds more than vpcflow tables"));
        }
        return children;
    }

    private static void clearOut(List<Path> children) throws IOException {
        for (Path c : children) {
            LocalFiles.deleteTree(c);
        }
    }

    /** Waits for the job, printing progress on a terminal once a second. */
    JobExecutionResult await(JobClient job, PrintWriter err, int files) throws Exception {
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        boolean terminal = System.console() != null && !json;
        long last = 0;
        long lastTime = System.nanoTime();
        while (true) {
            try {
                JobExecutionResult r = done.get(1, TimeUnit.SECONDS);
                if (terminal) {
                    err.print("\r\033[K");
                    err.flush();
                }
                return r;
            } catch (TimeoutException stillRunning) {
                Map<String, Object> acc = runningCounters(job);
                if (acc == null) {
                    continue;
                }
                long n = acc.get("recordsIn") instanceof Long l ? l : 0;
                long started = acc.get("filesStarted") instanceof Long l ? l : 0;
                recordsRead = n;
                filesStarted = started;
                if (terminal) {
                    long now = System.nanoTime();
                    err.printf(
                            "\r\033[K%,d records read (%,.0f/s), %d of %d files started",
                            n, (n - last) / ((now - lastTime) / 1e9), started, files);
                    err.flush();
                    last = n;
                    lastTime = now;
                }
            } catch (ExecutionException e) {
                Throwable root = ExceptionUtils.stripExecutionException(e);
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new UserError(
                        "the replay failed: " + TerminalText.safe(Lines.first(String.valueOf(root.getMessage())), 300));
            }
        }
    }

    /**
     * The job's running counters, for progress only; null when they cannot be had this time. The embedded cluster
     * shuts down with its job and then answers no more ("MiniCluster is not yet running or has already been shut
     * down"): a job that ended between two looks has its result there on the next one, and a job that failed says
     * so through its result too.
     */
    private static Map<String, Object> runningCounters(JobClient job) throws InterruptedException {
        try {
            return job.getAccumulators().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException notNow) {
            return null;
        }
    }

    /** Ctrl-C (or a TERM) during the job: what was done and what is left, on the terminal and in the run state. */
    private void interrupted(RunState state, PrintWriter err, int files) {
        String detail = String.format(
                "%,d of %,d files started and %,d records read before it stopped", filesStarted, files, recordsRead);
        try {
            state.ended(RunState.INTERRUPTED, detail, null).writeTo(out);
        } catch (IOException e) {
            err.println("vpcflow: cannot mark " + out + " as interrupted: " + e.getMessage());
        }
        err.println();
        err.println("vpcflow: interrupted: " + detail + ". The tables in " + out + " are not a whole run (query and "
                + "report refuse them without --allow-incomplete): replay again with --overwrite to replace them.");
        err.flush();
    }

    private static long value(JobExecutionResult r, String name) {
        Object v = r.getAllAccumulatorResults().get(name);
        return v instanceof Long l ? l : 0;
    }

    /**
     * How long the command took since its process started, and how long of it the job ran: on a small input most of
     * the time is starting the JVM and the embedded cluster, which a records/s over the whole would hide.
     */
    record Timing(double job, double total) {
        double startup() {
            return Math.max(0, total - job);
        }
    }

    private static double secondsSinceStart() {
        return (System.currentTimeMillis()
                        - java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getStartTime())
                / 1e3;
    }

    private void printSummary(PrintWriter out, RunSummary s, int files, Timing t, long late) {
        out.printf(
                "replayed %d files into %s in %.1f s: the job %.1f s (%,.0f records/s), start-up and the rest %.1f s%n",
                files, this.out, t.total(), t.job(), t.job() > 0 ? s.records() / t.job() : 0, t.startup());
        out.printf("  records        %,d%n", s.records());
        out.printf(
                "  dead letters   %,d%s%n",
                s.deadLetters(), s.deadLettersByReason().isEmpty() ? "" : " (" + join(s.deadLettersByReason()) + ")");
        out.printf("  verdicts       %s%n", join(s.verdicts()));
        out.printf("  owners         %s%n", join(s.owners()));
        if (!s.reasons().isEmpty()) {
            out.printf("  unexpected     %s%n", join(s.reasons()));
        }
        out.printf("  late partials  %,d (each written as a correction row)%n", late);
        if (!s.topUnexpected().isEmpty()) {
            out.println("top unexpected flows:");
            s.topUnexpected().forEach(line -> out.println("  " + TerminalText.safe(line, 200)));
        }
        if (!s.unusedRules().isEmpty()) {
            out.println("rules no record used:");
            s.unusedRules().stream().limit(10).forEach(line -> out.println("  " + TerminalText.safe(line, 200)));
            if (s.unusedRules().size() > 10) {
                out.printf(
                        "  ... and %d more (vpcflow report unused-rules)%n",
                        s.unusedRules().size() - 10);
            }
        }
        out.printf(
                "query the tables: cli/target/vpcflow query --warehouse %s \"SELECT verdict, count(*) "
                        + "FROM flows GROUP BY 1\"%n",
                this.out);
    }

    private static String join(Map<String, Long> m) {
        return m.entrySet().stream()
                .map(e -> TerminalText.safe(e.getKey()) + " " + String.format("%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
