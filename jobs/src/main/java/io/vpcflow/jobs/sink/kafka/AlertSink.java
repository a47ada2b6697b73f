package io.vpcflow.jobs.sink.kafka;

import io.vpcflow.enrich.Alerts;
import io.vpcflow.enrich.FlowRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * Alerts out to Kafka: exactly once, in Kafka transactions committed on checkpoints (a committed reader sees an alert
 * up to a checkpoint interval after it was made); or at least once, sent as they are made and flushed on checkpoints
 * (a restore sends again what came after the last one; {@code source} and {@code lineNumber} name the record).
 */
public final class AlertSink {
    private AlertSink() {}

    /** Alerts as JSON on a topic, keyed by interface id, exactly once or at least once. */
    public static void alerts(
            List<DataStream<FlowRow[]>> enriched, String bootstrap, String topic, boolean exactlyOnce) {
        var builder = KafkaSink.<FlowRow>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.<FlowRow>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(
                                r -> r.interfaceId == null ? null : r.interfaceId.getBytes(StandardCharsets.UTF_8))
                        .setValueSerializationSchema(new AlertJson())
                        .build())
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE);
        if (exactlyOnce) {
            builder.setTransactionalIdPrefix("vpcflow-alerts-" + topic)
                    // The default (1 h) exceeds the broker's maximum (15 min): the job would loop on restarts.
                    .setProperty("transaction.timeout.ms", "600000");
        }
        KafkaSink<FlowRow> sink = builder.build();
        // Filter each part's batches where they are (chained), so only alerts cross into the sink.
        DataStream<FlowRow> alerts = null;
        for (int i = 0; i < enriched.size(); i++) {
            String suffix = i == 0 ? "" : "-" + i;
            DataStream<FlowRow> part = enriched.get(i)
                    .flatMap(
                            (FlowRow[] rows, Collector<FlowRow> out) -> {
                                for (FlowRow r : rows) {
                                    if (Alerts.isAlert(r)) {
                                        out.collect(r);
                                    }
                                }
                            },
                            TypeInformation.of(FlowRow.class))
                    .name("alerts" + suffix)
                    .uid("alerts-filter" + suffix);
            alerts = alerts == null ? part : alerts.union(part);
        }
        alerts.sinkTo(sink).name("alerts topic").uid("alerts-topic");
    }
}
