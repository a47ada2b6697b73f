package io.vpcflow.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.inventory.AwsNames;
import io.vpcflow.jobs.sink.Table;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the enrichment job needs to know, for every way it runs: a configuration file (YAML) on a cluster, and the
 * {@code replay} and {@code stream} commands, which fill one in from their options. Data only: one typed option per
 * setting, each default here and nowhere else; an unknown key is an error, so a typo never silently falls back to a
 * default. {@link #problems()} lists what is wrong in sentences; {@code --check} prints them without running anything.
 */
public final class JobConfig {
    /** Where lines come from: exactly one of these. */
    public static final class Source {
        public Kafka kafka;
        public S3 s3;
        public Files files;
    }

    public static final class Kafka {
        public String bootstrap;
        public String topic;
        public String group = "vpcflow";

        @JsonProperty("until-latest")
        public boolean untilLatest;

        /** How long a run started from the command line waits for the broker before it gives up in a sentence. */
        @JsonProperty("timeout-seconds")
        public int timeoutSeconds = 30;
    }

    public static final class S3 {
        public String bucket;
        public String prefix = "AWSLogs/";

        @JsonProperty("sqs-queue")
        public String sqsQueue;

        public boolean backfill;
        public String region;
        public String endpoint;

        /** The endpoint to send S3 and SQS calls to instead of AWS's, or null. */
        public URI endpointOrNull() {
            return blank(endpoint) ? null : URI.create(endpoint);
        }

        /** The queue of the bucket's notifications, or null: the prefix is listed once. */
        public String queueOrNull() {
            return blank(sqsQueue) ? null : sqsQueue;
        }
    }

    public static final class Files {
        /** Files or folders, local or on any Flink file system ({@code s3://...}). */
        public List<String> paths = List.of();
        /** 0 to read the paths once; else look for new files this often. */
        @JsonProperty("monitor-seconds")
        public long monitorSeconds;
    }

    public static final class Inventory implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * An inventory root: a snapshot or series folder, or a folder of estates ({@code ROOT/<account>/<region>/}),
         * local or on S3 ({@code s3://bucket/prefix}) or any Flink file system.
         */
        public String dir;
        /** How often a continuous job looks for a changed inventory folder; a bounded one reads it once. */
        @JsonProperty("refresh-seconds")
        public long refreshSeconds = 300;
        /**
         * How long a record newer than the inventory's newest snapshot may wait for one of its own time (a snapshot
         * that arrives late); 0: records are attributed on arrival with what is known.
         */
        @JsonProperty("hold-seconds")
        public long holdSeconds;
        /** The region of an s3:// dir and of the in-job fetch; default: the default region chain. */
        public String region;
        /** An endpoint for S3, STS, EC2 and Lambda calls instead of AWS's, or null. */
        public String endpoint;
        /** The job fetches the inventory itself into {@link #dir} on an interval; null: something else writes it. */
        public Fetch fetch;

        public URI endpointOrNull() {
            return blank(endpoint) ? null : URI.create(endpoint);
        }
    }

    /** What {@code vpcflow inventory fetch --accounts|--org --role-name ... --series} does, run by the job itself. */
    public static final class Fetch implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public List<String> accounts = List.of();
        public boolean org;
        public String ou;

        @JsonProperty("role-name")
        public String roleName;

        @JsonProperty("external-id")
        public String externalId;

        /** The regions of every account; empty: the inventory's region. */
        public List<String> regions = List.of();

        @JsonProperty("interval-seconds")
        public long intervalSeconds = 900;

        public int parallelism = 4;
    }

    public static final class Alerts {
        public static final String EXACTLY_ONCE = "exactly-once";
        public static final String AT_LEAST_ONCE = "at-least-once";
        /** Every delivery an alerts topic can have. */
        public static final List<String> DELIVERIES = List.of(EXACTLY_ONCE, AT_LEAST_ONCE);

        public String bootstrap;
        public String topic;
        /**
         * {@value #EXACTLY_ONCE}: in Kafka transactions, seen by a committed reader when the checkpoint that holds
         * them completes; {@value #AT_LEAST_ONCE}: sent as they are made, again after a restore (an alert's
         * {@code source} and {@code lineNumber} name its record, for a reader to drop the second).
         */
        public String delivery = EXACTLY_ONCE;

        public boolean exactlyOnce() {
            return !AT_LEAST_ONCE.equals(delivery);
        }
    }

    public Source source = new Source();
    /** The format of lines without a header, as AWS writes it; empty for the default v2 layout. */
    public String format;

    public Inventory inventory = new Inventory();
    /** Where the tables go, one folder each: a folder or a Flink file-system URI. */
    public String output;
    /** The tables to write (dead_letters always); default all. */
    public Set<Table> tables = Table.all();

    public Alerts alerts;
    /** The {@code verdict_stats} and {@code rule_usage} window. */
    @JsonProperty("window-seconds")
    public long windowSeconds = 300;
    /** How long after its end a window waits for late records before it is written. */
    @JsonProperty("lateness-seconds")
    public long latenessSeconds = 600;
    /** How far event time may go back before the watermark passes a record. */
    @JsonProperty("out-of-order-seconds")
    public long outOfOrderSeconds = 900;
    /** How long a connection's initiator is remembered after it was last seen. */
    @JsonProperty("initiator-ttl-seconds")
    public long initiatorTtlSeconds = 3600;
    /** The checkpoint interval: tables are committed on checkpoints; 0 leaves checkpointing as the environment has it. */
    @JsonProperty("checkpoint-seconds")
    public long checkpointSeconds = 60;
    /** 0: the environment's. */
    public int parallelism = 0;

    /** A job over files, read once, with every other setting at its default. */
    public static JobConfig files(List<String> paths, String inventoryDir, String output) {
        JobConfig c = new JobConfig();
        c.source.files = new Files();
        c.source.files.paths = List.copyOf(paths);
        c.inventory.dir = inventoryDir;
        c.output = output;
        c.checkpointSeconds = 0;
        return c;
    }

    /**
     * A replay of a backlog of files. Files are read whole, one after another, so event time jumps back between them;
     * a day of allowed disorder keeps windows open until the end instead of correcting them.
     */
    public static JobConfig replay(List<String> paths, String inventoryDir, String output) {
        JobConfig c = files(paths, inventoryDir, output);
        c.outOfOrderSeconds = 86_400;
        return c;
    }

    /** Whether the job reads without end (and so re-reads a changed inventory). */
    public boolean continuous() {
        return source.files == null || source.files.monitorSeconds > 0;
    }

    /**
     * Whether the source ends: files read once, a Kafka topic read up to its latest offsets, an S3 prefix listed once
     * (no queue). Such a job's inventory reader looks at the root once.
     */
    public boolean bounded() {
        if (source.files != null) {
            return source.files.monitorSeconds == 0;
        }
        if (source.kafka != null) {
            return source.kafka.untilLatest;
        }
        return source.s3 != null && source.s3.queueOrNull() == null;
    }

    /**
     * Whether one reader watches the inventory root and broadcasts it to the enrichment operators (a continuous job,
     * a root that is not a local folder, or an in-job fetch); else each task manager reads a local root once.
     */
    public boolean inventoryBroadcast() {
        return continuous() || (inventory.dir != null && inventory.dir.contains("://")) || inventory.fetch != null;
    }

    /**
     * Whether the readers of files and S3 objects sum records themselves: nothing needs every record (no
     * {@code flows}, no alerts). Kafka messages are one line or one payload each: nothing to sum in a reader.
     */
    public boolean sumsInReaders() {
        return (source.files != null || source.s3 != null)
                && !tables.contains(Table.FLOWS)
                && alerts == null
                && !inventoryBroadcast();
    }

    /** The format of lines without a header, or null for the default v2 layout. */
    public String formatOrNull() {
        return blank(format) ? null : format;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException with one sentence naming the file and the problem
     */
    public static JobConfig load(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no configuration file at " + file);
        }
        try {
            JobConfig c = YAML.readValue(java.nio.file.Files.readAllBytes(file), JobConfig.class);
            if (c == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            return c;
        } catch (ValueInstantiationException e) {
            String msg =
                    e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
            throw new IllegalArgumentException(file + ": " + msg);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "' (known here: "
                    + String.join(
                            ", ",
                            e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .toList()) + ")");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(
                    file + " cannot be read: " + msg.lines().findFirst().orElse(msg));
        }
    }

    /** What is wrong with this configuration, one sentence each; empty when it can run. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        int sources = (source.kafka != null ? 1 : 0) + (source.s3 != null ? 1 : 0) + (source.files != null ? 1 : 0);
        if (sources != 1) {
            p.add("source: give exactly one of kafka, s3 or files");
        }
        if (source.kafka != null && (blank(source.kafka.bootstrap) || blank(source.kafka.topic))) {
            p.add("source.kafka: bootstrap and topic are required");
        }
        if (source.kafka != null && source.kafka.timeoutSeconds <= 0) {
            p.add("source.kafka: timeout-seconds must be 1 or more");
        }
        if (source.s3 != null && blank(source.s3.bucket)) {
            p.add("source.s3: bucket is required");
        }
        if (source.files != null && source.files.paths.isEmpty()) {
            p.add("source.files: paths must name at least one file or folder");
        }
        if (blank(inventory.dir)) {
            p.add("inventory.dir is required");
        }
        if (inventory.holdSeconds < 0 || inventory.refreshSeconds < 0) {
            p.add("inventory: refresh-seconds and hold-seconds may not be negative");
        }
        Fetch f = inventory.fetch;
        if (f != null) {
            if (f.org == !f.accounts.isEmpty()) {
                p.add("inventory.fetch: give accounts or org: true, not both");
            }
            if (blank(f.roleName)) {
                p.add("inventory.fetch: role-name is required (the role every account holds for vpcflow)");
            }
            if (!f.accounts.stream().allMatch(AwsNames::isAccount)) {
                p.add("inventory.fetch: accounts are 12-digit account ids");
            }
            if (!f.regions.stream().allMatch(AwsNames::isRegion)) {
                p.add("inventory.fetch: regions are region names such as us-east-1");
            }
            if (f.intervalSeconds <= 0 || f.parallelism <= 0) {
                p.add("inventory.fetch: interval-seconds and parallelism must be positive");
            }
            if (inventory.dir != null
                    && inventory.dir.contains("://")
                    && !inventory.dir.startsWith("s3://")
                    && !inventory.dir.startsWith("file://")) {
                p.add("inventory.fetch: the job writes what it fetches to a local folder or s3://, not "
                        + inventory.dir);
            }
        }
        if (blank(output)) {
            p.add("output is required (a folder or a Flink file-system URI such as s3://bucket/tables)");
        }
        if (alerts != null && (blank(alerts.bootstrap) || blank(alerts.topic))) {
            p.add("alerts: bootstrap and topic are required");
        }
        if (alerts != null && !Alerts.DELIVERIES.contains(alerts.delivery)) {
            p.add("alerts: delivery is exactly-once or at-least-once");
        }
        if (format != null && !format.isBlank()) {
            try {
                FlowLogFormat.parse(format);
            } catch (IllegalArgumentException e) {
                p.add("format: " + e.getMessage());
            }
        }
        if (windowSeconds <= 0
                || latenessSeconds < 0
                || outOfOrderSeconds < 0
                || initiatorTtlSeconds <= 0
                || checkpointSeconds < 0
                || parallelism < 0) {
            p.add(
                    "window-seconds and initiator-ttl-seconds must be positive; lateness, out-of-order, checkpoint-seconds "
                            + "and parallelism may not be negative");
        }
        if (checkpointSeconds == 0 && continuous()) {
            p.add("checkpoint-seconds: a continuous job commits its tables on checkpoints, so it needs an interval");
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
