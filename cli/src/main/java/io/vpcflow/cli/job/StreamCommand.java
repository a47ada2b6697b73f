package io.vpcflow.cli.job;

import io.vpcflow.cli.support.AwsOptions;
import io.vpcflow.cli.support.FormatOption;
import io.vpcflow.cli.support.InventoryGaps;
import io.vpcflow.cli.support.OutputLock;
import io.vpcflow.cli.support.ParallelismOption;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.inventory.InventoryStores;
import io.vpcflow.jobs.source.kafka.KafkaReach;
import io.vpcflow.query.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vpcflow stream}: the enrichment job reading continuously from Kafka or from S3 notifications. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = "Runs the enrichment job on an embedded Flink, reading flow logs continuously from a Kafka topic "
                + "(--kafka, --topic) or from S3 objects announced on an SQS queue (--s3-bucket, --s3-prefix, --sqs-queue), "
                + "writing the tables with checkpoints (exactly once) and, with --alerts-topic, unexpected verdicts and "
                + "rejected traffic to exposed interfaces as JSON on Kafka. Stop it with Ctrl-C.")
public final class StreamCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers (host:port,...).")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", description = "The topic with flow-log lines or CloudWatch payloads.")
    String topic;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "SECONDS",
            description = "How long to wait for the broker before giving up in one sentence. Default: 30.")
    int kafkaTimeout = (int) KafkaReach.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--group", paramLabel = "G", description = "The consumer group. Default: vpcflow.")
    String group = "vpcflow";

    @Option(names = "--until", paramLabel = "latest", description = "Stop at the offsets that are the latest at start.")
    String until;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "The bucket that receives the flow logs.")
    String bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "The key prefix to read. Default: AWSLogs/.")
    String prefix = "AWSLogs/";

    @Option(
            names = "--sqs-queue",
            paramLabel = "URL",
            description = "The SQS queue of the bucket's event notifications; "
                    + "without it the prefix is listed once and the job ends.")
    String queue;

    @Option(names = "--backfill", description = "List the prefix once at the start, for objects already there.")
    boolean backfill;

    @Mixin
    AwsOptions aws;

    @Option(names = "--alerts-topic", paramLabel = "T", description = "Also write alerts to this Kafka topic.")
    String alertsTopic;

    @Option(
            names = "--alerts-delivery",
            paramLabel = "D",
            description = "exactly-once (the default: in Kafka transactions, seen when a checkpoint completes) or "
                    + "at-least-once (seen as they are made; a restore may send some again, named by their source "
                    + "and lineNumber).")
    String alertsDelivery = JobConfig.Alerts.EXACTLY_ONCE;

    @Option(names = "--inventory", paramLabel = "DIR", description = "The inventory folder (re-read when it changes).")
    Path inventory;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the tables go.")
    Path out;

    @Mixin
    FormatOption format;

    @Option(
            names = "--checkpoint-seconds",
            paramLabel = "S",
            description = "Checkpoint (and commit) interval. Default: 60.")
    long checkpointSeconds = 60;

    @Mixin
    ParallelismOption parallelism;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Read every setting from a configuration file " + "(see deploy/config/) instead of these options.")
    Path configFile;

    @Option(names = "--check", description = "Only validate the configuration (file or options) and say what is wrong.")
    boolean check;

    private static Path localPath(String dir) {
        return dir.startsWith("file://") ? Path.of(java.net.URI.create(dir)) : Path.of(dir);
    }

    @Override
    public Integer call() throws Exception {
        JobConfig config;
        if (configFile != null) {
            try {
                config = JobConfig.load(configFile);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        } else {
            config = fromOptions();
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new UserError(String.join("; ", problems));
        }
        boolean remote = config.inventory.dir.contains("://") && !config.inventory.dir.startsWith("file://");
        if (!remote && !java.nio.file.Files.isDirectory(localPath(config.inventory.dir))) {
            // A configuration names the folder of the machine it runs on: say how to make it.
            throw new UserError("no inventory folder at " + config.inventory.dir
                    + (configFile == null ? "" : " (inventory.dir in " + configFile + ")")
                    + ": create it with vpcflow inventory fetch --series --out " + config.inventory.dir
                    + ", or name a folder that holds one");
        }
        try (var store = InventoryStores.open(config.inventory)) {
            // Read as the job's inventory reader reads it (an s3:// root too), so its gaps are named here once.
            InventoryGaps.warn(spec.commandLine().getErr(), LoadedInventory.current(store));
        } catch (InventoryException e) {
            throw new UserError(TerminalText.safe(e.getMessage(), 500));
        }
        if (check) {
            spec.commandLine().getOut().println("the configuration is valid");
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (config.source.kafka != null) {
            // Kafka's consumer retries a broker that is not there forever, in silence: ask once, with a limit.
            try {
                KafkaReach.check(
                        config.source.kafka.bootstrap,
                        config.source.kafka.topic,
                        Duration.ofSeconds(config.source.kafka.timeoutSeconds));
            } catch (KafkaReach.Unreachable e) {
                throw new UserError(e.getMessage()
                        + (configFile == null ? " (--kafka-timeout waits longer)" : " (timeout-seconds waits longer)"));
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                config.parallelism > 0 ? config.parallelism : parallelism.value(),
                EnrichmentJob.recommended(new Configuration()));
        EnrichmentJob.build(env, config);
        // A local folder is this run's alone while it lasts (an object store has no lock to take).
        try (OutputLock lock = OutputLock.acquireIfLocal(config.output, "stream")) {
            spec.commandLine()
                    .getErr()
                    .println("vpcflow: streaming into " + config.output + " (checkpoints every "
                            + config.checkpointSeconds + " s commit the tables); Ctrl-C stops");
            spec.commandLine().getErr().flush();
            Path local = OutputLock.localPath(config.output);
            RunState state = RunState.started("stream");
            if (local != null) {
                state.writeTo(local);
            }
            env.execute("vpcflow stream");
            if (local != null) {
                state.ended(RunState.COMPLETE, null, null).writeTo(local);
            }
        }
        return 0;
    }

    /** The same settings as a configuration file, from the command-line options. */
    private JobConfig fromOptions() {
        if (until != null && !until.equals("latest")) {
            throw new UserError("--until takes 'latest'");
        }
        if (alertsTopic != null && kafka == null) {
            throw new UserError("--alerts-topic needs --kafka for the broker");
        }
        if (kafka != null && topic == null) {
            throw new UserError("--kafka needs --topic");
        }
        JobConfig c = new JobConfig();
        if (kafka != null) {
            c.source.kafka = new JobConfig.Kafka();
            c.source.kafka.bootstrap = kafka;
            c.source.kafka.topic = topic;
            c.source.kafka.group = group;
            c.source.kafka.untilLatest = until != null;
            c.source.kafka.timeoutSeconds = kafkaTimeout;
        }
        if (bucket != null) {
            c.source.s3 = new JobConfig.S3();
            c.source.s3.bucket = bucket;
            c.source.s3.prefix = prefix;
            c.source.s3.sqsQueue = queue;
            c.source.s3.backfill = backfill;
            c.source.s3.region = aws.region;
            c.source.s3.endpoint = aws.endpoint == null ? null : aws.endpoint.toString();
        }
        if (kafka == null && bucket == null) {
            throw new UserError(
                    "give one source: --kafka with --topic, or --s3-bucket (with --sqs-queue to keep reading)");
        }
        if (alertsTopic != null) {
            c.alerts = new JobConfig.Alerts();
            c.alerts.bootstrap = kafka;
            c.alerts.topic = alertsTopic;
            c.alerts.delivery = alertsDelivery;
        } else if (!JobConfig.Alerts.EXACTLY_ONCE.equals(alertsDelivery)) {
            throw new UserError("--alerts-delivery needs --alerts-topic");
        }
        c.format = format.awsFormatOrNull();
        c.inventory.dir = inventory == null ? null : inventory.toAbsolutePath().toString();
        c.output = out == null ? null : out.toAbsolutePath().toString();
        c.checkpointSeconds = checkpointSeconds;
        return c;
    }
}
