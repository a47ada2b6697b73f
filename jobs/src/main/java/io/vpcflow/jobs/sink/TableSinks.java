package io.vpcflow.jobs.sink;

import io.vpcflow.format.parquet.ParquetTable;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/** A table's Parquet files: one folder per table under the output, Hive-style {@code dt=/hour=} partitions. */
public final class TableSinks {
    private TableSinks() {}

    public static <T> FileSink<T> sink(ParquetTable<T> table, String output, HivePartitions.EventTime<T> time) {
        return sink(table.name(), ParquetWriters.rows(table), output, time, "part");
    }

    /** @param prefix the file names' start: sinks that share a table's folder keep their files apart by it */
    public static <T> FileSink<T> sink(
            String table,
            BulkWriter.Factory<T> writer,
            String output,
            HivePartitions.EventTime<T> time,
            String prefix) {
        return FileSink.forBulkFormat(new Path(output, table), writer)
                .withBucketAssigner(new HivePartitions<>(time))
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(prefix)
                        .withPartSuffix(".parquet")
                        .build())
                .build();
    }
}
