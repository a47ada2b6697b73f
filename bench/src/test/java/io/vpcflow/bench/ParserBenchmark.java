package io.vpcflow.bench;

import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLineParser;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing default-format lines: records per second on one core, next to a naive {@code String.split}
 * parser in the same run. One operation is one record.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParserBenchmark {
    static final int LINES = 10_000;

    byte[] text;
    byte[] gzip;
    int[] lineStart;
    int[] lineLength;
    final MutableFlowRecord record = new MutableFlowRecord();
    final FlowLineParser parser = new FlowLineParser(FlowLogFormat.DEFAULT);
    final FlowLogReader reader = new FlowLogReader(null);

    @Setup
    public void setUp() throws IOException {
        Random random = new Random(2);
        StringBuilder sb = new StringBuilder(FlowLogFormat.DEFAULT.headerLine()).append('\n');
        lineStart = new int[LINES];
        lineLength = new int[LINES];
        for (int i = 0; i < LINES; i++) {
            long start = 1_764_000_000L + random.nextInt(3600);
            String line = "2 123456789012 eni-0" + Long.toHexString(0x1000_0000_0000_0000L | random.nextInt(2000))
                    + " 10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                    + " 172.31." + random.nextInt(256) + "." + random.nextInt(256)
                    + " " + (1024 + random.nextInt(64000)) + " " + (random.nextBoolean() ? 443 : 5432)
                    + " 6 " + (1 + random.nextInt(5000)) + " " + (40 + random.nextInt(5_000_000))
                    + " " + start + " " + (start + 60)
                    + (random.nextInt(10) == 0 ? " REJECT OK" : " ACCEPT OK");
            lineStart[i] = sb.length();
            lineLength[i] = line.length();
            sb.append(line).append('\n');
        }
        text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(text);
        }
        gzip = out.toByteArray();
    }

    /** The line parser alone, on lines already split. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long byteParser() {
        long bytes = 0;
        for (int i = 0; i < LINES; i++) {
            if (parser.parse(text, lineStart[i], lineLength[i], record) == null) {
                bytes += record.getLong(FlowField.BYTES);
            }
        }
        return bytes;
    }

    /** The whole reader on plain text: line splitting, header detection, parsing, a handler that sums. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long readerPlain() {
        Summing s = new Summing();
        reader.read("bench", new ByteArrayInputStream(text), s);
        return s.bytes;
    }

    /** The whole reader on the same file gzipped: includes inflating. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long readerGzip() {
        Summing s = new Summing();
        reader.read("bench", new ByteArrayInputStream(gzip), s);
        return s.bytes;
    }

    /** The naive baseline: decode the line to a String, split it, parse each number, build an object. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void splitBaseline(Blackhole bh) {
        for (int i = 0; i < LINES; i++) {
            String[] f = new String(text, lineStart[i], lineLength[i], StandardCharsets.US_ASCII).split(" ");
            bh.consume(new NaiveRecord(
                    Integer.parseInt(f[0]),
                    f[1],
                    f[2],
                    f[3],
                    f[4],
                    Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]),
                    Integer.parseInt(f[7]),
                    Long.parseLong(f[8]),
                    Long.parseLong(f[9]),
                    Long.parseLong(f[10]),
                    Long.parseLong(f[11]),
                    f[12],
                    f[13]));
        }
    }

    record NaiveRecord(
            int version,
            String account,
            String eni,
            String src,
            String dst,
            int srcPort,
            int dstPort,
            int protocol,
            long packets,
            long bytes,
            long start,
            long end,
            String action,
            String status) {}

    static final class Summing implements FlowLogReader.Handler {
        long bytes;

        @Override
        public void onRecord(MutableFlowRecord record, long lineNumber) {
            bytes += record.getLong(FlowField.BYTES);
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            throw new AssertionError(deadLetter.toString());
        }
    }
}
