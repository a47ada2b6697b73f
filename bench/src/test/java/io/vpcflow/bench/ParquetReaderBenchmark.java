package io.vpcflow.bench;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowHandler;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.format.parquet.FlowLogParquetFiles;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.text.TextCache;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same 100,000 default-format records ({@code data=estate}: the traffic of {@code vpcflow bench}'s generated
 * estate; {@code data=random}: every address and count drawn at random, so no dictionary helps) read from memory
 * three ways: a gzip text file through the text reader, an
 * AWS Parquet file (INT32/INT64 columns, GZIP pages, one row group, as AWS's writer makes them) and a Security Lake
 * OCSF file, both through the Parquet reader, to a handler that sums bytes. One operation is one record.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=ParquetReaderBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParquetReaderBenchmark {
    static final int RECORDS = 100_000;

    @Param({"estate", "random"})
    public String data;

    byte[] gzip;
    byte[] parquet;
    byte[] ocsf;
    final FlowLogReader text = new FlowLogReader(null);
    final ParquetFlowReader reader = new ParquetFlowReader();

    @Setup
    public void setUp() throws IOException {
        StringBuilder sb = new StringBuilder(FlowLogFormat.DEFAULT.headerLine()).append('\n');
        if (data.equals("estate")) {
            estate(sb);
        } else {
            random(sb);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
        gzip = out.toByteArray();
        Path dir = Files.createTempDirectory("parquet-bench");
        Path textFile = dir.resolve("f.log.gz");
        Files.write(textFile, gzip);
        FlowLogParquetFiles files = new FlowLogParquetFiles(RECORDS);
        files.write(textFile, dir.resolve("f.log.parquet"), FlowLogParquetFiles.Kind.PARQUET);
        files.write(textFile, dir.resolve("f.ocsf.parquet"), FlowLogParquetFiles.Kind.OCSF);
        parquet = Files.readAllBytes(dir.resolve("f.log.parquet"));
        ocsf = Files.readAllBytes(dir.resolve("f.ocsf.parquet"));
        System.out.printf(
                "%n%,d records: gzip text %,d bytes, Parquet %,d bytes, OCSF %,d bytes%n",
                RECORDS, gzip.length, parquet.length, ocsf.length);
    }

    /** The first {@link #RECORDS} records of the bench's estate (200 interfaces, seed 9), in one file. */
    private static void estate(StringBuilder sb) throws IOException {
        Path dir = Files.createTempDirectory("parquet-bench-estate");
        new FlowLogGenerator(new SampleEstate(62, Instant.parse("2026-11-26T12:00:00Z")), 9, 3)
                .defaultFormatOnly()
                .write(dir, RECORDS);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int n = 0;
        for (Path f : files) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null && n < RECORDS; line = in.readLine()) {
                    if (!line.startsWith("version")) {
                        sb.append(line).append('\n');
                        n++;
                    }
                }
            }
        }
    }

    private static void random(StringBuilder sb) {
        Random random = new Random(2);
        for (int i = 0; i < RECORDS; i++) {
            long start = 1_764_000_000L + random.nextInt(3600);
            sb.append("2 123456789012 eni-0")
                    .append(Long.toHexString(0x1000_0000_0000_0000L | random.nextInt(2000)))
                    .append(" 10.")
                    .append(random.nextInt(256))
                    .append('.')
                    .append(random.nextInt(256))
                    .append('.')
                    .append(random.nextInt(256))
                    .append(" 172.31.")
                    .append(random.nextInt(256))
                    .append('.')
                    .append(random.nextInt(256))
                    .append(' ')
                    .append(1024 + random.nextInt(64000))
                    .append(' ')
                    .append(random.nextBoolean() ? 443 : 5432)
                    .append(" 6 ")
                    .append(1 + random.nextInt(5000))
                    .append(' ')
                    .append(40 + random.nextInt(5_000_000))
                    .append(' ')
                    .append(start)
                    .append(' ')
                    .append(start + 60)
                    .append(random.nextInt(10) == 0 ? " REJECT OK" : " ACCEPT OK")
                    .append('\n');
        }
    }

    /** The text reader on the gzip file, inflating included. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long gzipText() {
        ParserBenchmark.Summing s = new ParserBenchmark.Summing();
        text.read("bench", new ByteArrayInputStream(gzip), s);
        return s.bytes;
    }

    /** The Parquet reader on AWS's Parquet: footer, GZIP pages, column decoding, records. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long awsParquet() {
        return read(parquet);
    }

    /** The Parquet reader on Security Lake's OCSF table of the same records. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long ocsf() {
        return read(ocsf);
    }

    /** The text reader on the gzip file, each record made a row as the job's source makes it. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long gzipTextToRows() {
        Rows s = new Rows();
        text.read("bench", new ByteArrayInputStream(gzip), s);
        return s.bytes;
    }

    /** The Parquet reader on AWS's Parquet, to rows as the job's source takes them: filled a column at a time. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long awsParquetToRows() {
        Rows s = new Rows();
        read(parquet, s);
        return s.bytes;
    }

    /** Sums the bytes of rows: records made rows by {@link FlowRow#read}, or rows the reader filled. */
    static final class Rows implements FlowRowHandler {
        final FlowRow row = new FlowRow();
        final TextCache texts = new TextCache(4096);
        long bytes;

        @Override
        public void onRecord(MutableFlowRecord record, long lineNumber) {
            row.read(record, "bench", lineNumber, texts);
            bytes += row.bytes;
        }

        @Override
        public FlowRow onRow(FlowRow r, long lineNumber) {
            bytes += r.bytes;
            return r;
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            throw new AssertionError(deadLetter.toString());
        }
    }

    private long read(byte[] file) {
        ParserBenchmark.Summing s = new ParserBenchmark.Summing();
        read(file, s);
        return s.bytes;
    }

    /** Every row of a file in memory to the handler. */
    private void read(byte[] file, FlowLogReader.Handler handler) {
        reader.open("bench", new BytesFile(file), handler, 0);
        while (reader.next()) {
            // every row goes to the handler
        }
    }

    /** A file in memory, seekable. */
    public record BytesFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return bytes.length - in.available();
                }

                @Override
                public void seek(long newPos) {
                    in.reset();
                    in.skip(newPos);
                }
            };
        }
    }
}
