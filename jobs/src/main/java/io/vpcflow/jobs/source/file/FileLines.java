package io.vpcflow.jobs.source.file;

import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.ReaderAggregation;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flow-log files (local or on any Flink file system), read once or watched for new ones. */
public final class FileLines {
    private FileLines() {}

    /**
     * The configured files. When {@link JobConfig#sumsInReaders()}, readers attribute, judge and sum records where
     * they are read, handing on per file only its partial sums (and the records that need connection state): the
     * per-record cost of passing every record through Flink's operators is saved.
     */
    public static DataStream<LineItem> source(StreamExecutionEnvironment env, JobConfig config) {
        JobConfig.Files files = config.source.files;
        Path[] paths = files.paths.stream().map(Path::new).toArray(Path[]::new);
        ReaderAggregation aggregation = ReaderAggregation.of(config);
        FileSource.FileSourceBuilder<LineItem> b = FileSource.forBulkFileFormat(
                        new FlowLogBulkFormat(config.formatOrNull(), aggregation), paths)
                .setFileEnumerator(FlowLogFiles::new);
        if (files.monitorSeconds > 0) {
            b.monitorContinuously(Duration.ofSeconds(files.monitorSeconds));
        }
        // A reader's position counts the items it handed on, records in batches since the uid's suffix: a savepoint
        // whose positions counted single records must fail to restore here rather than skip the wrong lines.
        // Small files go to a reader several at a time (up to 1 MiB of gzip ahead of it): one split request per
        // file costs far more than a quiet VPC's file of a few dozen records.
        return env.fromSource(
                        new FewerSplitRequests<>(b.build(), 1 << 20),
                        WatermarkStrategy.noWatermarks(),
                        "flow log files")
                .uid("flow-log-files-batched");
    }
}
