package io.vpcflow.jobs.source.kafka;

import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.source.LineItem;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flow-log lines (or CloudWatch Logs payloads) from a Kafka topic. */
public final class KafkaLines {
    private KafkaLines() {}

    /**
     * Lines from a topic. Offsets live in Flink checkpoints; a new group starts at the earliest offset.
     *
     * @param untilLatest stop at the offsets that are the latest when the job starts (a bounded run)
     */
    /** The configured topic's lines. */
    public static DataStream<LineItem> source(StreamExecutionEnvironment env, JobConfig config) {
        JobConfig.Kafka k = config.source.kafka;
        return source(env, k.bootstrap, k.topic, k.group, config.formatOrNull(), k.untilLatest);
    }

    public static DataStream<LineItem> source(
            StreamExecutionEnvironment env,
            String bootstrap,
            String topic,
            String groupId,
            String format,
            boolean untilLatest) {
        KafkaSourceBuilder<LineItem> b = KafkaSource.<LineItem>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new FlowLogKafkaDeserializer(format));
        if (untilLatest) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(b.build(), WatermarkStrategy.noWatermarks(), "flow log topic " + topic)
                .uid("kafka-lines");
    }
}
