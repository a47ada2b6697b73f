package io.vpcflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.format.parquet.FlowLogParquetFiles;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.sink.Table;
import io.vpcflow.text.SqlText;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vpcflow bench}: vpcflow's job against the SQL a user would write in DuckDB instead, on the same
 * generated gzip files, like for like, in records per second and per CPU-second.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Generates a seeded data set (default-format gzip files in the S3 layout, overlapping in time, "
                + "and an inventory), then runs on the same files: vpcflow's job on the embedded Flink with the aggregate "
                + "tables only and with all tables, and DuckDB doing the equivalent (read the gzip files, join the ENI "
                + "inventory for the owner, aggregate per window, owner, direction and action into Parquet; and the same "
                + "plus every row to Parquet) on one thread and on all cores. Checks that every run produced the same "
                + "totals, then prints records/s, records per CPU-second, the vpcflow/DuckDB ratios and peak heap.")
public final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", description = "Flow records to generate. Default: 1000000.")
    int records = 1_000_000;

    @Option(names = "--enis", paramLabel = "E", description = "Network interfaces in the estate. Default: 200.")
    int enis = 200;

    @Option(names = "--parallelism", paramLabel = "P", description = "vpcflow's parallelism. Default: 1.")
    int parallelism = 1;

    @Option(names = "--seed", paramLabel = "S", description = "The data set's seed. Default: 9.")
    long seed = 9;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to put the data and outputs. Default: a temp folder.")
    Path dir;

    /** The forms the bench's flow logs can be read in. */
    enum InputFormat {
        text,
        parquet,
        ocsf
    }

    @Option(
            names = "--input-format",
            paramLabel = "F",
            description = "The form both contenders read the generated records in: text (gzip, the default), parquet "
                    + "(AWS's Parquet files) or ocsf (Security Lake's OCSF tables); DuckDB runs the same SQL on them.")
    InputFormat inputFormat = InputFormat.text;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    boolean json;

    @Option(
            names = "--repeat",
            paramLabel = "R",
            description = "Measure every run R times and report each one's median "
                    + "(by CPU time): one run moves by 5-15%% from one time to the next. Default: 1.")
    int repeat = 1;

    @Option(
            names = "--threads",
            description = "Also report each run's CPU time by thread (Linux only; sampling it "
                    + "costs a little CPU of its own).")
    boolean threads;

    @Option(
            names = "--one-shot",
            description =
                    "Instead of one warm JVM: every run a fresh process, as a user starts one (vpcflow's replay "
                            + "at parallelism 1 through the launcher beside the jar, DuckDB through JDBC on 1 thread in a JVM "
                            + "of its own), its process CPU less that of the same command on 20,000 records of the same estate.")
    boolean oneShot;

    /** What a DuckDB process of {@code --one-shot} runs. */
    enum DuckdbChild {
        aggregates,
        all
    }

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Instead: the streaming job against this Kafka broker (host:port). The sustained rate "
                    + "Kafka -> enrichment -> tables at p=1 and p=2, then the latency from a line's publication to "
                    + "its alert on the alerts topic at 50%% and 90%% of the rate.")
    String kafka;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            description = "With --kafka: how long each latency run publishes. Default: 30.")
    int seconds = 30;

    @Option(
            names = "--checkpoint-seconds",
            paramLabel = "C",
            description = "With --kafka: the latency runs' checkpoint interval. Default: 10.")
    int checkpointSeconds = 10;

    @Option(names = "--duckdb-child", hidden = true)
    DuckdbChild duckdbChild;

    @Option(names = "--child-data", hidden = true)
    Path childData;

    @Option(names = "--child-out", hidden = true)
    Path childOut;

    /** The records of {@code --one-shot}'s small set, whose cost is taken off each run's. */
    static final int ONE_SHOT_SMALL_RECORDS = 20_000;

    /** The embedded Flink the vpcflow runs share, while they run. */
    private MiniCluster cluster;

    /**
     * One measured run.
     *
     * @param jitSeconds time the JIT compilers spent while it ran, part of {@code cpuSeconds}
     * @param threadSeconds CPU seconds by thread name, with {@code --threads}; else empty
     */
    record Run(
            String name,
            double wallSeconds,
            double cpuSeconds,
            double jitSeconds,
            long flows,
            long bytes,
            long peakHeapMb,
            Map<String, Double> threadSeconds) {
        double perSecond(long records) {
            return records / wallSeconds;
        }

        double perCpuSecond(long records) {
            return records / cpuSeconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (duckdbChild != null) {
            return duckdbChild();
        }
        if (oneShot && inputFormat != InputFormat.text) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--one-shot reads gzip text only");
        }
        if (repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    // Outputs of an earlier run would be counted again, and nothing here is ours to delete.
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--dir " + dir + " is not empty: give a new or empty folder");
                }
            }
        }
        if (dir != null) {
            return run(dir);
        }
        // A data set and every contender's output: hundreds of MB that nobody asked to keep.
        Path temp = Files.createTempDirectory("vpcflow-bench");
        try {
            return run(temp);
        } finally {
            LocalFiles.deleteTree(temp);
        }
    }

    private int run(Path base) throws Exception {
        Path data = base.resolve("data");
        FlowLogGenerator.GroundTruth truth = generate(data, records);
        long n = truth.records();
        if (kafka != null) {
            return kafka(data, base, n);
        }
        if (oneShot) {
            Path small = base.resolve("small");
            long smallRecords = generate(small, ONE_SHOT_SMALL_RECORDS).records();
            return oneShot(data, n, small, smallRecords, base) ? 0 : 1;
        }
        Path lastSnapshot = lastSnapshot(data);

        // Each kind of measured run, as many times as --repeat says; what is reported is each kind's median.
        List<List<Run>> measured = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            measured.add(new ArrayList<>());
        }
        Run clusterStart;
        Run cold;
        Run coldAll;
        Run startup;
        // One embedded Flink for every vpcflow run, as jobs share a cluster: each new embedded Flink loads its RPC
        // system (Pekko, Scala) in a fresh class loader, and compiling that again took a third of a measured run's CPU.
        try (MiniCluster flink = cluster(parallelism)) {
            cluster = flink;
            clusterStart = measure("embedded Flink start", () -> {
                flink.start();
                return new long[2];
            });
            // First runs of both jobs warm the JVM (class loading, JIT) so that what follows measures the jobs,
            // not the compiler: a long-running job spends all but its first seconds in that state. Both are reported.
            coldAll =
                    vpcflow("vpcflow first run of all tables", data, base.resolve("out-cold-all"), Table.all(), false);
            cold = vpcflow("vpcflow first run of the aggregates", data, base.resolve("out-cold"), AGGREGATES, false);
            // Then jobs of one file, both kinds: what runs once per job (deploying the job, Java deserialization
            // of its operators, RPC) is compiled only after several jobs, and was compiled during the measured
            // runs instead (JFR: 0.5 of their 0.8 s of JIT). A task manager that has run jobs has compiled it.
            for (int i = 0; i < WARM_UP_JOBS; i++) {
                vpcflow(
                        "vpcflow warm-up job " + i,
                        data,
                        base.resolve("out-warm-" + i),
                        i % 2 == 0 ? AGGREGATES : Table.all(),
                        true);
            }
            startup = vpcflow(
                    "vpcflow start-up (one file)",
                    data,
                    base.resolve("out-startup"),
                    EnumSet.of(Table.VERDICT_STATS),
                    true);
            for (int k = 0; k < repeat; k++) {
                measured.get(0)
                        .add(vpcflow(
                                "vpcflow aggregates, p=" + parallelism,
                                data,
                                base.resolve(numbered("out-agg", k)),
                                AGGREGATES,
                                false));
                measured.get(1)
                        .add(vpcflow(
                                "vpcflow all tables, p=" + parallelism,
                                data,
                                base.resolve(numbered("out-all", k)),
                                Table.all(),
                                false));
            }
        } finally {
            cluster = null;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int k = 0; k < repeat; k++) {
            measured.get(2)
                    .add(duckdb(
                            "duckdb aggregates, 1 thread",
                            data,
                            lastSnapshot,
                            base.resolve(numbered("duck-agg-1", k)),
                            1,
                            false));
            measured.get(3)
                    .add(duckdb(
                            "duckdb all rows, 1 thread",
                            data,
                            lastSnapshot,
                            base.resolve(numbered("duck-all-1", k)),
                            1,
                            true));
            measured.get(4)
                    .add(duckdb(
                            "duckdb aggregates, " + cores + " threads",
                            data,
                            lastSnapshot,
                            base.resolve(numbered("duck-agg-n", k)),
                            cores,
                            false));
            measured.get(5)
                    .add(duckdb(
                            "duckdb all rows, " + cores + " threads",
                            data,
                            lastSnapshot,
                            base.resolve(numbered("duck-all-n", k)),
                            cores,
                            true));
        }
        List<Run> runs = measured.stream().map(BenchCommand::median).toList();

        List<Run> checked = new ArrayList<>();
        measured.forEach(checked::addAll);
        checked.add(cold);
        checked.add(coldAll);
        for (Run r : checked) {
            if (r.flows() != n || r.bytes() != runs.get(0).bytes()) {
                // Not a user's mistake and not worth a stack trace: the comparison itself is void.
                spec.commandLine()
                        .getErr()
                        .println("vpcflow: the runs disagree: " + r.name() + " counted " + r.flows() + " flows and "
                                + r.bytes() + " bytes, expected " + n + " flows and "
                                + runs.get(0).bytes() + " bytes");
                return 1;
            }
        }
        double aggRatio = runs.get(0).perCpuSecond(n) / runs.get(2).perCpuSecond(n);
        double allRatio = runs.get(1).perCpuSecond(n) / runs.get(3).perCpuSecond(n);
        // Steady state: the job's records over what its run cost beyond a run of one file (start-up), the JIT's time
        // left out of both. Five jobs in one JVM keep the compilers busy (each job's types change the profiles of
        // Flink's shared code paths); a job that runs for long does not pay that past its first minutes.
        double[] steadyPerSecond = new double[2];
        double[] steadyPerCpu = new double[2];
        for (int i = 0; i < 2; i++) {
            steadyPerSecond[i] = rate(n, runs.get(i).wallSeconds() - startup.wallSeconds());
            steadyPerCpu[i] = rate(
                    n,
                    runs.get(i).cpuSeconds()
                            - runs.get(i).jitSeconds()
                            - (startup.cpuSeconds() - startup.jitSeconds()));
        }
        double steadyAggRatio = steadyPerCpu[0] / runs.get(2).perCpuSecond(n);
        double steadyAllRatio = steadyPerCpu[1] / runs.get(3).perCpuSecond(n);
        PrintWriter out = spec.commandLine().getOut();
        long heapInitialMb =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >> 20;
        long heapMaxMb = Runtime.getRuntime().maxMemory() >> 20;
        // The collector's barriers are part of every reference store the job makes: say which one ran.
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("records", n);
            o.put("inputFormat", inputFormat.name());
            o.put("heapInitialMb", heapInitialMb);
            o.put("heapMaxMb", heapMaxMb);
            o.put("garbageCollectors", gc);
            o.put("flinkStartSeconds", clusterStart.wallSeconds());
            o.put("flinkStartCpuSeconds", clusterStart.cpuSeconds());
            o.put("warmUpJobs", WARM_UP_JOBS);
            o.put("repeat", repeat);
            o.put("startupSeconds", startup.wallSeconds());
            ArrayNode arr = o.putArray("runs");
            for (int i = 0; i < runs.size(); i++) {
                Run r = runs.get(i);
                ObjectNode run = arr.addObject()
                        .put("name", r.name())
                        .put("wallSeconds", r.wallSeconds())
                        .put("cpuSeconds", r.cpuSeconds())
                        .put("recordsPerSecond", Math.round(r.perSecond(n)))
                        .put("recordsPerCpuSecond", Math.round(r.perCpuSecond(n)))
                        .put("jitSeconds", r.jitSeconds())
                        .put("peakHeapMb", r.peakHeapMb());
                if (i < 2) {
                    putMeasured(run, "steadyRecordsPerSecond", Math.floor(steadyPerSecond[i] + 0.5), true);
                    putMeasured(run, "steadyRecordsPerCpuSecond", Math.floor(steadyPerCpu[i] + 0.5), true);
                }
                ArrayNode every = run.putArray("cpuSecondsOfEveryRun");
                measured.get(i).forEach(m -> every.add(m.cpuSeconds()));
                if (!r.threadSeconds().isEmpty()) {
                    ObjectNode byThread = run.putObject("cpuSecondsByThread");
                    r.threadSeconds().forEach(byThread::put);
                }
            }
            o.put("startupCpuSeconds", startup.cpuSeconds());
            o.put("startupJitSeconds", startup.jitSeconds());
            o.put("coldRunWallSeconds", cold.wallSeconds());
            o.put("coldRunCpuSeconds", cold.cpuSeconds());
            o.put("coldRunAllTablesWallSeconds", coldAll.wallSeconds());
            o.put("coldRunAllTablesCpuSeconds", coldAll.cpuSeconds());
            o.put("ratioAggregatesPerCpu", aggRatio);
            o.put("ratioAllTablesPerCpu", allRatio);
            putMeasured(o, "steadyRatioAggregatesPerCpu", steadyAggRatio, false);
            putMeasured(o, "steadyRatioAllTablesPerCpu", steadyAllRatio, false);
            out.println(JSON.writeValueAsString(o));
        } else {
            out.printf("%,d records (%s) in %s; every run counted the same %,d flows%n", n, inputFormat, data, n);
            // G1 grows a heap that starts small with concurrent collections that cost CPU; a task manager's
            // heap is fixed (Flink sets -Xms to -Xmx), so say which one this run had.
            out.printf(
                    "JVM heap: initial %,d MB, max %,d MB%s; collectors: %s%n",
                    heapInitialMb,
                    heapMaxMb,
                    heapInitialMb < heapMaxMb
                            ? " (a task manager's is fixed: java -Xms4g -Xmx4g -jar ... measures as one)"
                            : "",
                    gc);
            out.printf(
                    "vpcflow first runs, to warm the JVM (class loading and JIT included): aggregates %.1f s wall, %.1f s CPU;"
                            + "%n  all tables %.1f s wall, %.1f s CPU; then %d jobs of one file%n",
                    cold.wallSeconds(), cold.cpuSeconds(), coldAll.wallSeconds(), coldAll.cpuSeconds(), WARM_UP_JOBS);
            out.printf(
                    "embedded Flink start, once: %.1f s wall, %.1f s CPU%n",
                    clusterStart.wallSeconds(), clusterStart.cpuSeconds());
            out.printf(
                    "vpcflow job start-up (a job of one file on the running Flink): %.1f s wall, %.1f s CPU; the rates%n"
                            + "below include it, the steady-state rates leave it and the JIT's time out%n",
                    startup.wallSeconds(), startup.cpuSeconds());
            out.printf(
                    "%-36s %9s %9s %7s %14s %16s %10s%n",
                    "run", "wall s", "CPU s", "JIT s", "records/s", "records/CPU-s", "heap MB");
            for (Run r : runs) {
                out.printf(
                        "%-36s %9.1f %9.1f %7.1f %,14.0f %,16.0f %10d%n",
                        r.name(),
                        r.wallSeconds(),
                        r.cpuSeconds(),
                        r.jitSeconds(),
                        r.perSecond(n),
                        r.perCpuSecond(n),
                        r.peakHeapMb());
            }
            if (repeat > 1) {
                out.printf("each row is the median of %d runs by CPU time; CPU s of every run:%n", repeat);
                for (int i = 0; i < runs.size(); i++) {
                    out.printf(
                            "  %s: %s%n",
                            runs.get(i).name(),
                            measured.get(i).stream()
                                    .map(m -> String.format("%.1f", m.cpuSeconds()))
                                    .collect(Collectors.joining(", ")));
                }
            }
            for (int i = 0; i < 2; i++) {
                out.printf(
                        "%s steady state: %,.0f records/s, %,.0f records/CPU-s%n",
                        runs.get(i).name(), steadyPerSecond[i], steadyPerCpu[i]);
            }
            for (Run r : runs) {
                if (!r.threadSeconds().isEmpty()) {
                    StringBuilder top = new StringBuilder();
                    r.threadSeconds().entrySet().stream()
                            .limit(8)
                            .forEach(e -> top.append(top.isEmpty() ? "" : ", ")
                                    .append(e.getKey())
                                    .append(String.format(" %.1f", e.getValue())));
                    out.printf("CPU s by thread, %s: %s%n", r.name(), top);
                }
            }
            out.printf(
                    "vpcflow/DuckDB per CPU-second, like for like against DuckDB on 1 thread:%n"
                            + "  aggregates %.2f (steady state %.2f), all tables %.2f (steady state %.2f)%n",
                    aggRatio, steadyAggRatio, allRatio, steadyAllRatio);
        }
        out.flush();
        return 0;
    }

    /**
     * Records per second of what a run cost beyond start-up; NaN when it cost no more (a data set too small to tell
     * a steady state from start-up), never a made-up rate.
     */
    static double rate(long records, double seconds) {
        return seconds > 0 ? records / seconds : Double.NaN;
    }

    /** A figure, null when it could not be measured; {@code whole}: written as a whole number. */
    private static void putMeasured(ObjectNode o, String name, double value, boolean whole) {
        if (Double.isNaN(value)) {
            o.putNull(name);
        } else if (whole) {
            o.put(name, (long) value);
        } else {
            o.put(name, value);
        }
    }

    /** The run of median CPU time (the lower of the middle two for an even count). */
    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::cpuSeconds));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** A measured run's folder: the first keeps the plain name. */
    private static String numbered(String name, int k) {
        return k == 0 ? name : name + "-" + (k + 1);
    }

    /** The bench's estate and its flow logs in {@code data} (inventory/, flowlogs/), in --input-format. */
    private FlowLogGenerator.GroundTruth generate(Path data, int count) throws Exception {
        SampleEstate estate = new SampleEstate(Math.max(1, (enis - 12) / 3), Instant.parse("2026-11-26T12:00:00Z"));
        for (InventorySnapshot s : estate.snapshots()) {
            InventoryFiles.write(
                    s, data.resolve("inventory").resolve(s.takenAt().toString()));
        }
        FlowLogGenerator.GroundTruth truth =
                new FlowLogGenerator(estate, seed, 3).defaultFormatOnly().write(data.resolve("text-flowlogs"), count);
        if (inputFormat == InputFormat.text) {
            Files.move(data.resolve("text-flowlogs"), data.resolve("flowlogs"));
        } else {
            // AWS writes a Parquet file's row group up to 128 MiB: one per file here.
            new FlowLogParquetFiles(Integer.MAX_VALUE / 64)
                    .convert(
                            data.resolve("text-flowlogs"),
                            data.resolve("flowlogs"),
                            inputFormat == InputFormat.parquet
                                    ? FlowLogParquetFiles.Kind.PARQUET
                                    : FlowLogParquetFiles.Kind.OCSF);
            LocalFiles.deleteTree(data.resolve("text-flowlogs"));
        }
        return truth;
    }

    private static Path lastSnapshot(Path data) throws java.io.IOException {
        try (Stream<Path> s = Files.list(data.resolve("inventory"))) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** {@code --kafka}: the streaming job's sustained rate at p=1 and p=2, then its alert latency at two loads. */
    private int kafka(Path data, Path base, long n) throws Exception {
        if (inputFormat != InputFormat.text) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kafka publishes text lines only");
        }
        List<byte[]> lines = KafkaBench.lines(data.resolve("flowlogs"));
        if (lines.size() != n) {
            throw new IllegalStateException("read " + lines.size() + " lines of " + n + " records");
        }
        List<KafkaBench.Rate> rates = new ArrayList<>();
        List<KafkaBench.Latency> latencies = new ArrayList<>();
        try (MiniCluster flink = cluster(Math.max(2, parallelism))) {
            flink.start();
            cluster = flink;
            KafkaBench bench = new KafkaBench(kafka, flink, data, base);
            // The first run warms the JVM, as the file runs' first runs do; it is not reported.
            bench.sustained(lines, 1, this::measure, "kafka-warm-up");
            for (int p : List.of(1, 2)) {
                List<KafkaBench.Rate> runs = new ArrayList<>();
                for (int k = 0; k < repeat; k++) {
                    KafkaBench.Rate r = bench.sustained(lines, p, this::measure, numbered("kafka-p" + p, k));
                    if (r.run().flows() != n) {
                        throw new IllegalStateException(
                                "the job at p=" + p + " counted " + r.run().flows() + " flows of " + n);
                    }
                    runs.add(r);
                }
                runs.sort(Comparator.comparingDouble(r -> r.run().cpuSeconds()));
                rates.add(runs.get(runs.size() / 2));
            }
            double rate = rates.get(parallelism >= 2 ? 1 : 0).perSecond();
            for (String delivery : JobConfig.Alerts.DELIVERIES) {
                for (double share : KafkaBench.SHARES) {
                    latencies.add(bench.latency(
                            lines,
                            Math.min(2, parallelism),
                            delivery,
                            share,
                            share * rate,
                            seconds,
                            checkpointSeconds));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("records", n);
            KafkaBench.json(o, rates, latencies, checkpointSeconds);
            out.println(o);
        } else {
            for (String line : KafkaBench.report(rates, latencies, checkpointSeconds, Math.min(2, parallelism))) {
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    /** {@code --one-shot}: vpcflow and DuckDB, aggregates and all rows, each run a process of its own. */
    private boolean oneShot(Path data, long n, Path small, long smallRecords, Path base) throws Exception {
        OneShot runs = new OneShot(spec.commandLine().getOut());
        List<OneShot.Kind> kinds = List.of(
                replay(runs, "vpcflow aggregates", true),
                duckdbProcess(runs, "duckdb aggregates", DuckdbChild.aggregates),
                replay(runs, "vpcflow all tables", false),
                duckdbProcess(runs, "duckdb all rows", DuckdbChild.all));
        return runs.compare(kinds, data, n, small, smallRecords, base, repeat);
    }

    private static OneShot.Kind replay(OneShot runs, String name, boolean aggregatesOnly) {
        return new OneShot.Kind(name, (data, out) -> {
            List<String> args = new ArrayList<>(List.of("replay", "--json", "--parallelism", "1"));
            if (aggregatesOnly) {
                args.addAll(List.of("--tables", "verdict_stats,rule_usage"));
            }
            args.addAll(List.of(
                    "--input",
                    data.resolve("flowlogs").toString(),
                    "--inventory",
                    data.resolve("inventory").toString(),
                    "--out",
                    out.toString()));
            return runs.vpcflow(args.toArray(String[]::new));
        });
    }

    private static OneShot.Kind duckdbProcess(OneShot runs, String name, DuckdbChild what) {
        return new OneShot.Kind(
                name,
                (data, out) -> runs.java(
                        "bench",
                        "--duckdb-child",
                        what.name(),
                        "--child-data",
                        data.toString(),
                        "--child-out",
                        out.toString()));
    }

    /** A DuckDB process of {@code --one-shot}: the SQL once, then its process CPU and the flows it counted. */
    private int duckdbChild() throws Exception {
        long[] totals = duckdbSql(childData, lastSnapshot(childData), childOut, 1, duckdbChild == DuckdbChild.all);
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        ObjectNode o = JSON.createObjectNode().put("cpuSeconds", cpu).put("records", totals[0]);
        spec.commandLine().getOut().println(JSON.writeValueAsString(o));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static final Set<Table> AGGREGATES = EnumSet.of(Table.VERDICT_STATS, Table.RULE_USAGE);

    /** Jobs of one file run to warm the per-job code before the measured runs. */
    private static final int WARM_UP_JOBS = 8;

    private Run vpcflow(String name, Path data, Path out, Set<Table> tables, boolean oneFile) throws Exception {
        List<String> inputs;
        if (oneFile) {
            try (Stream<Path> s = Files.walk(data.resolve("flowlogs"))) {
                inputs = List.of(s.filter(Files::isRegularFile)
                        .sorted()
                        .findFirst()
                        .orElseThrow()
                        .toString());
            }
        } else {
            inputs = List.of(data.resolve("flowlogs").toString());
        }
        JobConfig config = JobConfig.replay(inputs, data.resolve("inventory").toString(), out.toString());
        config.tables = EnumSet.copyOf(tables);
        return measure(name, () -> {
            cluster.executeJobBlocking(jobGraph(config, parallelism, name));
            return verdictTotals(out);
        });
    }

    /** The enrichment job of {@code config} at parallelism {@code p}, named. */
    static JobGraph jobGraph(JobConfig config, int p, String name) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(p, flinkConf());
        EnrichmentJob.build(env, config);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return graph.getJobGraph();
    }

    /** The flows and bytes a job's verdict_stats table under {@code out} counts: what every contender must agree on. */
    static long[] verdictTotals(Path out) throws Exception {
        return totals(
                "read_parquet("
                        + SqlText.globLiteral(out.resolve("verdict_stats").toString(), "/**/*.parquet") + ")",
                "sum(flows)",
                "sum(bytes)");
    }

    /** One embedded Flink of one task manager with {@code slots} slots, not yet started. */
    private static MiniCluster cluster(int slots) {
        return new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(flinkConf())
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    }

    static Configuration flinkConf() {
        Configuration conf = EnrichmentJob.recommended(new Configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        return conf;
    }

    private Run duckdb(String name, Path data, Path snapshot, Path out, int threads, boolean allRows) throws Exception {
        return measure(name, () -> duckdbSql(data, snapshot, out, threads, allRows));
    }

    /** What a user would write in DuckDB for the job's outputs; returns the flows and bytes it summed. */
    private long[] duckdbSql(Path data, Path snapshot, Path out, int threads, boolean allRows) throws Exception {
        Files.createDirectories(out);
        String flows = switch (inputFormat) {
            case text ->
                "read_csv("
                        + SqlText.globLiteral(data.resolve("flowlogs").toString(), "/**/*.log.gz")
                        + ", delim = ' ', header = true, nullstr = '-', columns = {"
                        + "'version': 'INTEGER', 'account-id': 'VARCHAR', 'interface-id': 'VARCHAR', 'srcaddr': 'VARCHAR', "
                        + "'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'INTEGER', "
                        + "'packets': 'BIGINT', 'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', "
                        + "'log-status': 'VARCHAR'})";
            case parquet ->
                "(SELECT version, account_id AS \"account-id\", interface_id AS \"interface-id\", srcaddr, "
                        + "dstaddr, srcport, dstport, protocol, packets, bytes, start, \"end\", action, "
                        + "log_status AS \"log-status\" FROM read_parquet("
                        + SqlText.globLiteral(data.resolve("flowlogs").toString(), "/**/*.log.parquet") + "))";
            case ocsf ->
                "(SELECT CAST(metadata.product.version AS INTEGER) AS version, cloud.account.uid AS "
                        + "\"account-id\", coalesce(src_endpoint.interface_uid, dst_endpoint.interface_uid) AS "
                        + "\"interface-id\", src_endpoint.ip AS srcaddr, dst_endpoint.ip AS dstaddr, src_endpoint.port "
                        + "AS srcport, dst_endpoint.port AS dstport, connection_info.protocol_num AS protocol, "
                        + "traffic.packets AS packets, traffic.bytes AS bytes, start_time // 1000 AS start, "
                        + "end_time // 1000 AS \"end\", CASE action_id WHEN 1 THEN 'ACCEPT' WHEN 2 THEN 'REJECT' END AS "
                        + "action, status_code AS \"log-status\" FROM read_parquet("
                        + SqlText.globLiteral(data.resolve("flowlogs").toString(), "/**/*.parquet") + "))";
        };
        String enisJson =
                SqlText.globLiteral(snapshot.resolve(InventoryFiles.INTERFACES).toString(), "");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("CREATE TEMP TABLE enis AS SELECT ni.NetworkInterfaceId AS eni, ni.PrivateIpAddress AS ip, "
                    + "coalesce(ni.Attachment.InstanceId, ni.InterfaceType) AS owner "
                    + "FROM (SELECT unnest(NetworkInterfaces) AS ni FROM read_json_auto(" + enisJson + "))");
            String joined =
                    "SELECT f.*, e.owner, CASE WHEN f.dstaddr = e.ip THEN 'ingress' ELSE 'egress' END AS direction "
                            + "FROM " + flows + " f LEFT JOIN enis e ON f.\"interface-id\" = e.eni";
            if (allRows) {
                st.execute("CREATE TEMP TABLE rows AS " + joined);
                st.execute("COPY rows TO "
                        + SqlText.literal(out.resolve("rows.parquet").toString()) + " (FORMAT PARQUET)");
                joined = "SELECT * FROM rows";
            }
            st.execute(
                    "COPY (SELECT (\"end\" // 300) * 300 AS window_start, owner, direction, action, count(*) AS flows, "
                            + "sum(packets) AS packets, sum(bytes) AS bytes FROM (" + joined
                            + ") GROUP BY ALL) TO "
                            + SqlText.literal(out.resolve("agg.parquet").toString()) + " (FORMAT PARQUET)");
        }
        return totals(
                "read_parquet(" + SqlText.globLiteral(out.resolve("agg.parquet").toString(), "") + ")",
                "sum(flows)",
                "sum(bytes)");
    }

    interface Work {
        long[] run() throws Exception;
    }

    /**
     * Wall time, process CPU time (every thread: Flink's, DuckDB's, the JIT's), the JIT's share of it and the peak heap
     * while {@code work} runs.
     */
    private Run measure(String name, Work work) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong();
        boolean byThread = threads && ThreadCpu.available();
        ThreadCpu threadsBefore = new ThreadCpu();
        ThreadCpu threadsNow = new ThreadCpu();
        if (byThread) {
            threadsBefore.sample();
        }
        Thread sampler = new Thread(
                () -> {
                    Runtime rt = Runtime.getRuntime();
                    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                        if (byThread && i % 5 == 0) {
                            synchronized (threadsNow) {
                                threadsNow.sample();
                            }
                        }
                        try {
                            Thread.sleep(20); // sampling the heap, not waiting for anything
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        var jit = ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long[] totals = work.run();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long jitMillis = jit.getTotalCompilationTime() - jit0;
        sampler.interrupt();
        sampler.join();
        Map<String, Double> threadSeconds = Map.of();
        if (byThread) {
            threadsNow.sample();
            threadSeconds = threadsNow.secondsSince(threadsBefore);
        }
        return new Run(
                name, wall / 1e9, cpu / 1e9, jitMillis / 1e3, totals[0], totals[1], peak.get() >> 20, threadSeconds);
    }

    static long[] totals(String table, String flows, String bytes) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + flows + ", " + bytes + " FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
