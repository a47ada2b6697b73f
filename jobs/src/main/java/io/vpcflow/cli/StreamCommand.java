package io.vpcflow.cli;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventoryFiles;
import io.vpcflow.inventory.OwnershipTimeline;
import io.vpcflow.inventory.aws.AwsClients;
import io.vpcflow.jobs.enrich.EnrichmentJob;
import io.vpcflow.jobs.enrich.LineItem;
import io.vpcflow.jobs.kafka.KafkaIo;
import io.vpcflow.jobs.s3.S3NotificationSource;
import io.vpcflow.sg.IntentEvaluator;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vpcflow stream}: the enrichment job reading continuously from Kafka or from S3 notifications. */
@Command(name = "stream",
        mixinStandardHelpOptions = true,
        description = "Runs the enrichment job on an embedded Flink, reading flow logs continuously from a Kafka topic "
                + "(--kafka, --topic) or from S3 objects announced on an SQS queue (--s3-bucket, --s3-prefix, --sqs-queue), "
                + "writing the tables with checkpoints (exactly once) and, with --alerts-topic, unexpected verdicts and "
                + "rejected traffic to exposed interfaces as JSON on Kafka. Stop it with Ctrl-C.")
final class StreamCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers (host:port,...).")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", description = "The topic with flow-log lines or CloudWatch payloads.")
    String topic;

    @Option(names = "--group", paramLabel = "G", description = "The consumer group. Default: vpcflow.")
    String group = "vpcflow";

    @Option(names = "--until", paramLabel = "latest", description = "Stop at the offsets that are the latest at start.")
    String until;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "The bucket that receives the flow logs.")
    String bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "The key prefix to read. Default: AWSLogs/.")
    String prefix = "AWSLogs/";

    @Option(names = "--sqs-queue", paramLabel = "URL", description = "The SQS queue of the bucket's event notifications; "
            + "without it the prefix is listed once and the job ends.")
    String queue;

    @Option(names = "--backfill", description = "List the prefix once at the start, for objects already there.")
    boolean backfill;

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region. Default: the default region chain.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send S3 and SQS calls to this endpoint.")
    URI endpoint;

    @Option(names = "--alerts-topic", paramLabel = "T", description = "Also write alerts to this Kafka topic.")
    String alertsTopic;

    @Option(names = "--inventory", required = true, paramLabel = "DIR", description = "The inventory folder (re-read when it changes).")
    Path inventory;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the tables go.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", converter = InspectCommand.FormatConverter.class,
            description = "The format of lines without a header or format header. Default: v2.")
    io.vpcflow.flowlog.FlowLogFormat format;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", description = "Checkpoint (and commit) interval. Default: 60.")
    long checkpointSeconds = 60;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel tasks. Default: the number of cores.")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if ((kafka == null) == (bucket == null)) {
            throw new UserError("give one source: --kafka with --topic, or --s3-bucket (with --sqs-queue to keep reading)");
        }
        if (kafka != null && topic == null) {
            throw new UserError("--kafka needs --topic");
        }
        if (until != null && !until.equals("latest")) {
            throw new UserError("--until takes 'latest'");
        }
        if (alertsTopic != null && kafka == null) {
            throw new UserError("--alerts-topic needs --kafka for the broker");
        }
        try {
            new IntentEvaluator(OwnershipTimeline.of(InventoryFiles.read(inventory)));
        } catch (InventoryException e) {
            throw new UserError(e.getMessage());
        }
        String fmt = format == null ? null : format.toAwsFormat();
        EnrichmentJob.Config config = new EnrichmentJob.Config(List.of(), inventory.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(), fmt, 300, 600, 900, 0, 3600, 60, checkpointSeconds * 1000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        env.enableCheckpointing(checkpointSeconds * 1000);
        DataStream<LineItem> lines;
        if (kafka != null) {
            lines = KafkaIo.source(env, kafka, topic, group, fmt, until != null);
        } else {
            AwsClients aws = new AwsClients(region, null, endpoint);
            lines = env.fromSource(new S3NotificationSource(new S3NotificationSource.Config(aws, aws, bucket, prefix, queue,
                    backfill || queue == null, fmt, 1000)), WatermarkStrategy.noWatermarks(), "s3 objects").uid("s3-objects");
        }
        EnrichmentJob.Outputs outputs = EnrichmentJob.topology(lines, config);
        EnrichmentJob.sinks(outputs, config);
        if (alertsTopic != null) {
            KafkaIo.alerts(outputs.flows(), kafka, alertsTopic);
        }
        spec.commandLine().getErr().println("vpcflow: streaming into " + out + " (checkpoints every " + checkpointSeconds
                + " s commit the tables); Ctrl-C stops");
        spec.commandLine().getErr().flush();
        env.execute("vpcflow stream");
        return 0;
    }
}
