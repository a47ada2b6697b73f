package io.vpcflow.jobs.aggregate;

import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.source.PendingItems;
import io.vpcflow.jobs.source.ReaderAggregation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * What one reading thread of the aggregates-only job does per record, without Flink: inflate, parse, attribute,
 * judge and add to the file's partial sums ({@link ReaderAggregation}), over gzip files of the estate
 * {@code vpcflow bench} generates (200 interfaces, default format), held in memory. The whole job's steady rate
 * is this plus Flink, the aggregators and the JVM's own threads. Score: records per second.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=ReaderSumsBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReaderSumsBenchmark {
    static final int RECORDS = 500_000;

    List<byte[]> files;
    ReaderAggregation aggregation;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("reader-sums-bench");
        SampleEstate estate = new SampleEstate((200 - 12) / 3, Instant.parse("2026-11-26T12:00:00Z"));
        for (InventorySnapshot s : estate.snapshots()) {
            InventoryFiles.write(s, dir.resolve("inventory").resolve(s.takenAt().toString()));
        }
        new FlowLogGenerator(estate, 9, 3).defaultFormatOnly().write(dir.resolve("logs"), RECORDS);
        files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve("logs"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                files.add(Files.readAllBytes(f));
            }
        }
        aggregation = new ReaderAggregation(dir.resolve("inventory").toString(), 300);
    }

    /** Every file once: {@link #RECORDS} records. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long allFiles() throws IOException {
        long items = 0;
        for (byte[] file : files) {
            PendingItems pending = new PendingItems(aggregation);
            pending.start("bench", 0);
            new FlowLogReader(null).read("bench", new ByteArrayInputStream(file), pending);
            pending.end();
            items += pending.items().size();
        }
        return items;
    }
}
