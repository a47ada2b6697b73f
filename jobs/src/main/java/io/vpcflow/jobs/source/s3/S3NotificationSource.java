package io.vpcflow.jobs.source.s3;

import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.ReaderAggregation;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flow-log objects under an S3 prefix, found through S3 event notifications on an SQS queue (listing a
 * busy prefix does not scale), with an optional first listing for the backlog. Each object is read once:
 * split positions live in checkpoints, and a queue message is deleted only once a checkpoint that holds
 * its objects has completed.
 */
public final class S3NotificationSource
        implements Source<LineItem, S3ObjectSplit, EnumeratorState>, ResultTypeQueryable<LineItem> {
    private static final long serialVersionUID = 1L;

    /**
     * Where to read.
     *
     * @param s3            the S3 client settings
     * @param sqs           the SQS client settings (S3-compatible stores may sit elsewhere than the queue)
     * @param queueUrl      the SQS queue that receives the bucket's notifications, or null to list only
     * @param backfill      list the prefix once at the start
     * @param format        the format of lines without a header, or null for v2
     * @param pollMillis    how often to ask the queue for more
     * @param aggregation   sums records in the reader, one item of sums per object, as the file source does; or null
     */
    public record Config(
            AwsClients s3,
            AwsClients sqs,
            String bucket,
            String prefix,
            String queueUrl,
            boolean backfill,
            String format,
            long pollMillis,
            ReaderAggregation aggregation)
            implements Serializable {}

    private final Config config;

    public S3NotificationSource(Config config) {
        this.config = config;
    }

    /** The configured bucket's objects: listed once without a queue, else as the queue announces them. */
    public static DataStream<LineItem> lines(StreamExecutionEnvironment env, JobConfig config) {
        JobConfig.S3 s3 = config.source.s3;
        AwsClients aws = new AwsClients(s3.region, null, s3.endpointOrNull());
        String queue = s3.queueOrNull();
        return lines(
                env,
                new Config(
                        aws,
                        aws,
                        s3.bucket,
                        s3.prefix,
                        queue,
                        s3.backfill || queue == null,
                        config.formatOrNull(),
                        1000,
                        ReaderAggregation.of(config)));
    }

    /** The lines of a bucket as a stream of {@code env}: the source with its name and stable uid. */
    public static DataStream<LineItem> lines(StreamExecutionEnvironment env, Config config) {
        // Positions count items, records in batches since the uid's suffix (see FileLines.source).
        return env.fromSource(new S3NotificationSource(config), WatermarkStrategy.noWatermarks(), "s3 objects")
                .uid("s3-objects-batched");
    }

    @Override
    public Boundedness getBoundedness() {
        return config.queueUrl() == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<S3ObjectSplit, EnumeratorState> createEnumerator(
            SplitEnumeratorContext<S3ObjectSplit> context) {
        return new S3SplitEnumerator(config, context, new EnumeratorState(List.of(), Set.of(), false));
    }

    @Override
    public SplitEnumerator<S3ObjectSplit, EnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<S3ObjectSplit> context, EnumeratorState state) {
        return new S3SplitEnumerator(config, context, state);
    }

    @Override
    public SimpleVersionedSerializer<S3ObjectSplit> getSplitSerializer() {
        return S3ObjectSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return new EnumeratorState.Serializer();
    }

    @Override
    public SourceReader<LineItem, S3ObjectSplit> createReader(SourceReaderContext context) {
        return new S3ObjectReader(config, context);
    }

    @Override
    public TypeInformation<LineItem> getProducedType() {
        return LineItem.type();
    }
}
