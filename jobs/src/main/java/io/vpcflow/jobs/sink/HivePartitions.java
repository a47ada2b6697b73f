package io.vpcflow.jobs.sink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each row in its Hive-style partition {@code dt=YYYY-MM-DD/hour=HH} by its event time (UTC), so
 * DuckDB, Athena, Spark and Trino read the partitions as columns. The folder name comes from a number,
 * never from text in the data.
 */
public final class HivePartitions<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter BUCKET =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    /** Epoch seconds of a row. */
    public interface EventTime<T> extends java.io.Serializable {
        long seconds(T row);
    }

    private final EventTime<T> time;
    // One formatted bucket per hour, cached: formatting per record costs a fifth of the sink (see STACK.md).
    private transient long cachedHour = Long.MIN_VALUE;
    private transient String cachedBucket;

    public HivePartitions(EventTime<T> time) {
        this.time = time;
    }

    @Override
    public String getBucketId(T row, Context context) {
        long hour = Math.floorDiv(Math.max(time.seconds(row), 0), 3600);
        if (hour != cachedHour || cachedBucket == null) {
            cachedBucket = BUCKET.format(Instant.ofEpochSecond(hour * 3600));
            cachedHour = hour;
        }
        return cachedBucket;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
