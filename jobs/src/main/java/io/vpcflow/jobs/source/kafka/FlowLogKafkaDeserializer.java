package io.vpcflow.jobs.source.kafka;

import io.vpcflow.enrich.DeadLetterRow;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.PendingItems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns Kafka messages into lines for the enrichment job: a message is one or more flow-log lines, or a
 * CloudWatch Logs subscription payload (JSON, gzip or not). Lines have no header on Kafka: the format is
 * the message's {@value #FORMAT_HEADER} header, else the configured one. A message that is
 * not a record becomes a dead letter whose source names topic, partition and offset: never lost, never a
 * failed job. The records of one message (several lines, a CloudWatch payload's log events) go on as batches
 * ({@link PendingItems}).
 */
public final class FlowLogKafkaDeserializer implements KafkaRecordDeserializationSchema<LineItem> {
    private static final long serialVersionUID = 1L;
    /** The Kafka header that names a line's format (lines on Kafka have no header line of their own). */
    public static final String FORMAT_HEADER = "vpcflow-format";

    private final String configuredFormat;
    private transient Map<String, FlowLogReader> readers;
    private transient PendingItems pending;

    /** @param configuredFormat the format of lines without a format header (AWS syntax or names), or null for v2 */
    public FlowLogKafkaDeserializer(String configuredFormat) {
        this.configuredFormat = configuredFormat;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        readers = new HashMap<>();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<LineItem> out) {
        if (readers == null) {
            readers = new HashMap<>();
        }
        if (pending == null) {
            pending = new PendingItems(); // one for every message, so its text cache outlives them
        }
        byte[] value = message.value();
        if (value == null) {
            return; // a tombstone carries no line
        }
        String source = "kafka:" + message.topic() + "/" + message.partition() + "@" + message.offset();
        Header header = message.headers().lastHeader(FORMAT_HEADER);
        String format = header == null ? configuredFormat : new String(header.value(), StandardCharsets.UTF_8);
        FlowLogReader reader;
        try {
            reader = readers.computeIfAbsent(
                    format == null ? "" : format, f -> new FlowLogReader(f.isEmpty() ? null : FlowLogFormat.parse(f)));
        } catch (IllegalArgumentException badHeader) {
            out.collect(LineItem.of(DeadLetterRow.of(
                    new DeadLetter(
                            source,
                            1,
                            new String(value, StandardCharsets.UTF_8),
                            DeadLetterReason.BAD_VALUE,
                            "the format header is not a flow-log format: " + badHeader.getMessage()),
                    System.currentTimeMillis())));
            return;
        }
        pending.start(source, 0);
        reader.read(source, new ByteArrayInputStream(value), pending);
        pending.end();
        for (LineItem item : pending.items()) {
            out.collect(item);
        }
        pending.items().clear();
    }

    @Override
    public TypeInformation<LineItem> getProducedType() {
        return LineItem.type();
    }
}
