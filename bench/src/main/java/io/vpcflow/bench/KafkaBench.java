package io.vpcflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.jobs.config.JobConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code vpcflow bench --kafka}: the streaming job as it runs against a broker. First the sustained rate: every line
 * of the data set published beforehand, then read by the job (Kafka source, enrichment, every table) to the latest
 * offsets, at each parallelism. Then the latency: the continuous job with alerts and checkpoints, lines published at
 * a share of that rate, each line's bytes field set to its sequence number so its alert names it, and the time from
 * a line's publication to its alert read (committed) from the alerts topic.
 */
final class KafkaBench {
    /** A job of the bench, run on the shared cluster: what it read and wrote, measured. */
    interface Runner {
        BenchCommand.Run measure(String name, BenchCommand.Work work) throws Exception;
    }

    /** The sustained rate at one parallelism. */
    record Rate(int parallelism, BenchCommand.Run run, long records) {
        double perSecond() {
            return records / run.wallSeconds();
        }

        double perCore() {
            return records / run.cpuSeconds();
        }
    }

    /** The latency at one load: publication to alert, over the alerts of the lines published after the warm-up. */
    record Latency(
            String delivery,
            double share,
            double rate,
            long published,
            long alerts,
            double p50,
            double p99,
            double max) {
        /** Its key among the bench's JSON fields: {@code latencyAt50}, {@code latencyAt50AtLeastOnce}. */
        String key() {
            return String.format("latencyAt%.0f", share * 100)
                    + (JobConfig.Alerts.AT_LEAST_ONCE.equals(delivery) ? "AtLeastOnce" : "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The loads the latency is measured at, as shares of the sustained rate. */
    static final List<Double> SHARES = List.of(0.5, 0.9);

    private final String bootstrap;
    private final MiniCluster cluster;
    private final Path data;
    private final Path base;

    KafkaBench(String bootstrap, MiniCluster cluster, Path data, Path base) {
        this.bootstrap = bootstrap;
        this.cluster = cluster;
        this.data = data;
        this.base = base;
    }

    /** Every record line of the data set's gzip files, in file order, headers left out. */
    static List<byte[]> lines(Path flowlogs) throws Exception {
        List<byte[]> lines = new ArrayList<>();
        for (Path f :
                LocalFiles.walk(List.of(flowlogs)).files().stream().sorted().toList()) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f), 1 << 16), StandardCharsets.US_ASCII))) {
                r.readLine(); // the header
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line.getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return lines;
    }

    /** The job reads a topic holding every line, to its latest offsets, at parallelism {@code p}. */
    Rate sustained(List<byte[]> lines, int p, Runner runner, String name) throws Exception {
        String topic = createTopic("vpcflow-bench-", p);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int i = 0;
            for (byte[] line : lines) {
                producer.send(new ProducerRecord<>(topic, i++ % p, null, line));
            }
            producer.flush();
        }
        JobConfig c = config(topic, base.resolve(name));
        c.source.kafka.untilLatest = true;
        c.checkpointSeconds = 0;
        BenchCommand.Run run = runner.measure(name, () -> {
            cluster.executeJobBlocking(BenchCommand.jobGraph(c, p, name));
            return BenchCommand.verdictTotals(base.resolve(name));
        });
        return new Rate(p, run, lines.size());
    }

    /**
     * The continuous job with alerts, checkpoints every {@code checkpointSeconds}; lines published at {@code rate}
     * for {@code seconds}. Latencies count the lines published after the first checkpoint interval, so the job's
     * start is not in them.
     */
    Latency latency(
            List<byte[]> lines, int p, String delivery, double share, double rate, int seconds, int checkpointSeconds)
            throws Exception {
        String topic = createTopic("vpcflow-bench-", p);
        String alerts = createTopic("vpcflow-bench-alerts-", 1);
        String name = String.format("latency-%d-%.0f-%s", p, share * 100, delivery);
        JobConfig c = config(topic, base.resolve(name));
        c.checkpointSeconds = checkpointSeconds;
        c.alerts = new JobConfig.Alerts();
        c.alerts.bootstrap = bootstrap;
        c.alerts.topic = alerts;
        c.alerts.delivery = delivery;
        int total = (int) Math.min(Integer.MAX_VALUE - 1, Math.round(rate * seconds));
        AtomicLongArray sent = new AtomicLongArray(total);
        List<Long> latencies = new ArrayList<>();
        JobID job = cluster.submitJob(BenchCommand.jobGraph(c, p, name)).get().getJobID();
        try (KafkaConsumer<byte[], byte[]> consumer = alertConsumer()) {
            TopicPartition tp = new TopicPartition(alerts, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long warm = Math.round(rate * checkpointSeconds);
            Thread publisher = new Thread(() -> publish(lines, topic, p, rate, total, sent), "bench-publisher");
            publisher.start();
            long quietSince = System.nanoTime();
            // Until the publisher is done and two checkpoint intervals pass with no new alert.
            while (publisher.isAlive() || System.nanoTime() - quietSince < 2_000_000_000L * checkpointSeconds) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    quietSince = now;
                    JsonNode alert = JSON.readTree(r.value());
                    long seq = alert.path("bytes").asLong(-1);
                    if (seq >= warm && seq < total && sent.get((int) seq) != 0) {
                        latencies.add(now - sent.get((int) seq));
                    }
                }
            }
            publisher.join();
        } finally {
            cluster.cancelJob(job).get();
        }
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Latency(
                delivery,
                share,
                rate,
                total,
                l.length,
                percentile(l, 0.50),
                percentile(l, 0.99),
                l.length == 0 ? Double.NaN : l[l.length - 1] / 1e9);
    }

    /** Publishes {@code total} lines at {@code rate} per second, cycling through the data set; the bytes field is the sequence number. */
    private void publish(List<byte[]> lines, String topic, int p, double rate, int total, AtomicLongArray sent) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait(); // pacing the publication, not waiting for a result
                }
                byte[] line = withBytes(lines.get(i % lines.size()), i);
                sent.set(i, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, i % p, null, line));
            }
            producer.flush();
        }
    }

    /** The line with its bytes field (the tenth of the default format) replaced by {@code value}. */
    static byte[] withBytes(byte[] line, long value) {
        int field = 0;
        int from = -1;
        int to = -1;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == ' ') {
                if (field == 9) {
                    to = i;
                    break;
                }
                field++;
                if (field == 9) {
                    from = i + 1;
                }
            }
        }
        if (from < 0 || to < 0) {
            return line;
        }
        byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[from + digits.length + line.length - to];
        System.arraycopy(line, 0, out, 0, from);
        System.arraycopy(digits, 0, out, from, digits.length);
        System.arraycopy(line, to, out, from + digits.length, line.length - to);
        return out;
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e9;
    }

    /** A new topic of {@code partitions} partitions, named by {@code prefix} and a random id. */
    private String createTopic(String prefix, int partitions) throws Exception {
        String topic = prefix + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        return topic;
    }

    private JobConfig config(String topic, Path out) {
        JobConfig c = new JobConfig();
        c.source.kafka = new JobConfig.Kafka();
        c.source.kafka.bootstrap = bootstrap;
        c.source.kafka.topic = topic;
        c.source.kafka.group = "vpcflow-bench-" + UUID.randomUUID();
        c.inventory.dir = data.resolve("inventory").toString();
        c.output = out.toString();
        return c;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        p.put("batch.size", String.valueOf(256 * 1024));
        p.put("acks", "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> alertConsumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        // Exactly-once alerts are written in transactions: a reader that trusts them sees them when they commit.
        p.put("isolation.level", "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The results as JSON fields of the bench's object. */
    static void json(ObjectNode o, List<Rate> rates, List<Latency> latencies, int checkpointSeconds) {
        ObjectNode k = o.putObject("kafka");
        for (Rate r : rates) {
            ObjectNode x = k.putObject("p" + r.parallelism());
            x.put("records", r.records());
            x.put("recordsPerSecond", Math.round(r.perSecond()));
            x.put("recordsPerCpuSecond", Math.round(r.perCore()));
            x.put("cpuSeconds", r.run().cpuSeconds());
        }
        k.put("checkpointSeconds", checkpointSeconds);
        for (Latency l : latencies) {
            ObjectNode x = k.putObject(l.key());
            x.put("delivery", l.delivery());
            x.put("rate", l.rate());
            x.put("published", l.published());
            x.put("alerts", l.alerts());
            x.put("p50Seconds", l.p50());
            x.put("p99Seconds", l.p99());
            x.put("maxSeconds", l.max());
        }
    }

    /** The results as the lines the bench prints. */
    static String[] report(List<Rate> rates, List<Latency> latencies, int checkpointSeconds, int p) {
        List<String> out = new ArrayList<>();
        out.add("Kafka -> enrichment -> every table, the topic read to its latest offsets:");
        for (Rate r : rates) {
            out.add(String.format(
                    "  p=%d: %,d records in %.1f s: %,.0f records/s, %,.0f per CPU-second",
                    r.parallelism(), r.records(), r.run().wallSeconds(), r.perSecond(), r.perCore()));
        }
        out.add(String.format(
                "publication -> alert (alerts topic, read committed), checkpoints every %d s, p=%d:",
                checkpointSeconds, p));
        for (Latency l : latencies) {
            out.add(String.format(
                    "  %s at %.0f%% (%,.0f records/s): %,d lines, %,d alerts timed: p50 %.2f s, p99 %.2f s, max %.2f s",
                    l.delivery(), l.share() * 100, l.rate(), l.published(), l.alerts(), l.p50(), l.p99(), l.max()));
        }
        return out.toArray(String[]::new);
    }
}
