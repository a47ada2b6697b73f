package io.vpcflow.jobs.source.kafka;

import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes flow-log lines to a Kafka topic in event-time order, at their original cadence sped up,
 * the way a Firehose or CloudWatch Logs subscription would feed the streaming job. Each message is one
 * line as written, keyed by its interface id, with the format it was written in as the header
 * {@value FlowLogKafkaDeserializer#FORMAT_HEADER} (lines on Kafka have no header line of their own). Lines that are not
 * records are published too, so the consumer's dead letters see them.
 */
public final class LinePublisher {
    /** The Kafka header that carries a line's format, as a header line. */

    /** One line to publish: when, in which format, keyed how, and the text. */
    public record Line(long time, String format, String key, String text) {}

    private LinePublisher() {}

    /** Reads every line of the files, with its end time; lines that are not records take the time before them. */
    public static List<Line> read(List<Path> files, FlowLogFormat configured) throws IOException {
        List<Line> lines = new ArrayList<>();
        FlowLogReader reader = new FlowLogReader(configured);
        for (Path file : files) {
            long[] last = {Long.MIN_VALUE};
            try (InputStream in = Files.newInputStream(file)) {
                reader.read(file.toString(), in, new FlowLogReader.Handler() {
                    @Override
                    public void onRecord(MutableFlowRecord r, long lineNumber) {
                        long t = r.has(FlowField.END) ? r.getLong(FlowField.END) : r.getLong(FlowField.START);
                        last[0] = t;
                        lines.add(
                                new Line(t, r.format().headerLine(), r.getString(FlowField.INTERFACE_ID), r.rawLine()));
                    }

                    @Override
                    public void onDeadLetter(DeadLetter d) {
                        lines.add(new Line(last[0], null, null, d.raw()));
                    }
                });
            }
        }
        lines.sort(Comparator.comparingLong(Line::time));
        return lines;
    }

    /**
     * Sends the lines in order, each once its time (relative to the first line's) divided by {@code speed}
     * has passed; {@code speed} 0 sends as fast as the broker takes them. Every send is checked.
     *
     * @return how many lines were sent
     */
    public static long publish(List<Line> lines, String bootstrap, String topic, double speed) throws Exception {
        return publish(lines, bootstrap, topic, speed, new AtomicLong());
    }

    /** As {@link #publish(List, String, String, double)}, counting in {@code sentSoFar} as it goes, for progress. */
    public static long publish(List<Line> lines, String bootstrap, String topic, double speed, AtomicLong sentSoFar)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long first = lines.stream()
                .mapToLong(Line::time)
                .filter(t -> t != Long.MIN_VALUE)
                .min()
                .orElse(0);
        long startNanos = System.nanoTime();
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (Line line : lines) {
                if (speed > 0 && line.time() != Long.MIN_VALUE) {
                    long due = startNanos + (long) ((line.time() - first) * 1e9 / speed);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        // The cadence of the original traffic: this pause is the point of --speed.
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, line.key(), line.text());
                if (line.format() != null) {
                    record.headers()
                            .add(
                                    FlowLogKafkaDeserializer.FORMAT_HEADER,
                                    line.format().getBytes(StandardCharsets.UTF_8));
                }
                pending.add(producer.send(record));
                sent++;
                sentSoFar.lazySet(sent);
                if (pending.size() >= 10_000) {
                    check(pending);
                }
            }
            producer.flush();
            check(pending);
        }
        return sent;
    }

    private static void check(List<Future<RecordMetadata>> pending) throws Exception {
        for (Future<RecordMetadata> f : pending) {
            f.get(2, TimeUnit.MINUTES);
        }
        pending.clear();
    }
}
