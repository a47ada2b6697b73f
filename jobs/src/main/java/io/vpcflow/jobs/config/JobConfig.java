package io.vpcflow.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.inventory.aws.AwsClients;
import io.vpcflow.jobs.enrich.EnrichmentJob;
import io.vpcflow.jobs.enrich.LineItem;
import io.vpcflow.jobs.kafka.KafkaIo;
import io.vpcflow.jobs.s3.S3NotificationSource;
import java.net.URI;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The enrichment job's configuration file (YAML): one typed option per setting, with defaults; an unknown
 * key is an error, so a typo never silently falls back to a default. {@link #problems()} lists what is
 * wrong in sentences; {@code --check} prints them without running anything.
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
    }

    public static final class S3 {
        public String bucket;
        public String prefix = "AWSLogs/";
        @JsonProperty("sqs-queue")
        public String sqsQueue;
        public boolean backfill;
        public String region;
        public String endpoint;
    }

    public static final class Files {
        public List<String> paths = List.of();
        @JsonProperty("monitor-seconds")
        public long monitorSeconds;
    }

    public static final class Inventory {
        public String dir;
        @JsonProperty("refresh-seconds")
        public long refreshSeconds = 300;
    }

    public static final class Alerts {
        public String bootstrap;
        public String topic;
    }

    public Source source = new Source();
    /** The format of lines without a header, as AWS writes it; empty for the default v2 layout. */
    public String format;
    public Inventory inventory = new Inventory();
    public String output;
    /** The tables to write (dead_letters always); default all. */
    public List<String> tables = List.copyOf(new java.util.TreeSet<>(EnrichmentJob.ALL_TABLES));
    public Alerts alerts;
    @JsonProperty("window-seconds")
    public long windowSeconds = 300;
    @JsonProperty("lateness-seconds")
    public long latenessSeconds = 600;
    @JsonProperty("out-of-order-seconds")
    public long outOfOrderSeconds = 900;
    @JsonProperty("initiator-ttl-seconds")
    public long initiatorTtlSeconds = 3600;
    @JsonProperty("checkpoint-seconds")
    public long checkpointSeconds = 60;
    public int parallelism = 0;

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
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "' (known here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(file + " cannot be read: " + msg.lines().findFirst().orElse(msg));
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
        if (source.s3 != null && blank(source.s3.bucket)) {
            p.add("source.s3: bucket is required");
        }
        if (source.files != null && source.files.paths.isEmpty()) {
            p.add("source.files: paths must name at least one file or folder");
        }
        if (blank(inventory.dir)) {
            p.add("inventory.dir is required");
        }
        if (blank(output)) {
            p.add("output is required (a folder or a Flink file-system URI such as s3://bucket/tables)");
        }
        for (String t : tables) {
            if (!EnrichmentJob.ALL_TABLES.contains(t)) {
                p.add("tables: no table named '" + t + "' (choose from " + String.join(", ",
                        new java.util.TreeSet<>(EnrichmentJob.ALL_TABLES)) + ")");
            }
        }
        if (alerts != null && (blank(alerts.bootstrap) || blank(alerts.topic))) {
            p.add("alerts: bootstrap and topic are required");
        }
        if (format != null && !format.isBlank()) {
            try {
                FlowLogFormat.parse(format);
            } catch (IllegalArgumentException e) {
                p.add("format: " + e.getMessage());
            }
        }
        if (windowSeconds <= 0 || latenessSeconds < 0 || outOfOrderSeconds < 0 || initiatorTtlSeconds <= 0
                || checkpointSeconds <= 0 || parallelism < 0) {
            p.add("window-seconds, initiator-ttl-seconds and checkpoint-seconds must be positive; lateness, "
                    + "out-of-order and parallelism may not be negative");
        }
        return p;
    }

    /** The job's settings for {@link EnrichmentJob}. */
    public EnrichmentJob.Config jobConfig() {
        boolean continuous = source.files == null || source.files.monitorSeconds > 0;
        return new EnrichmentJob.Config(source.files == null ? List.of() : source.files.paths, inventory.dir, output,
                blank(format) ? null : format, windowSeconds, latenessSeconds, outOfOrderSeconds,
                source.files == null ? 0 : source.files.monitorSeconds, initiatorTtlSeconds,
                continuous ? inventory.refreshSeconds : 0, checkpointSeconds * 1000);
    }

    /**
     * Builds the whole job on {@code env}: the configured source, the enrichment topology, the Parquet tables,
     * the inventory tables, and the alerts topic when configured.
     */
    public void build(StreamExecutionEnvironment env) {
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointSeconds * 1000, CheckpointingMode.EXACTLY_ONCE);
        EnrichmentJob.useObjectReuse(env);
        EnrichmentJob.Config config = jobConfig();
        String fmt = blank(format) ? null : format;
        DataStream<LineItem> lines;
        if (source.kafka != null) {
            lines = KafkaIo.source(env, source.kafka.bootstrap, source.kafka.topic, source.kafka.group, fmt,
                    source.kafka.untilLatest);
        } else if (source.s3 != null) {
            AwsClients aws = new AwsClients(source.s3.region, null,
                    blank(source.s3.endpoint) ? null : URI.create(source.s3.endpoint));
            lines = S3NotificationSource.lines(env, new S3NotificationSource.Config(aws, aws, source.s3.bucket,
                    source.s3.prefix, blank(source.s3.sqsQueue) ? null : source.s3.sqsQueue,
                    source.s3.backfill || blank(source.s3.sqsQueue), fmt, 1000));
        } else {
            // Records are summed where they are read unless something needs every record.
            lines = EnrichmentJob.fileSource(env, config, !tables.contains("flows") && alerts == null);
        }
        EnrichmentJob.Outputs outputs = EnrichmentJob.topology(lines, config);
        java.util.Set<String> chosen = java.util.Set.copyOf(tables);
        EnrichmentJob.sinks(outputs, config, chosen);
        if (chosen.contains("enis") || chosen.contains("sg_rules")) {
            EnrichmentJob.inventoryTables(env, config);
        }
        if (alerts != null) {
            KafkaIo.alerts(outputs.flows(), alerts.bootstrap, alerts.topic);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
