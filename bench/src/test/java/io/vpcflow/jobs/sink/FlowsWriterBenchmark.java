package io.vpcflow.jobs.sink;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.testing.ParquetFiles;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Initiator;
import java.io.IOException;
import java.io.InputStream;
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
 * Writing the {@code flows} table on its own: enriched rows of a generated estate (default format, as
 * {@code vpcflow bench} makes them) to one SNAPPY Parquet file, every column. One operation is one row.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=FlowsWriterBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FlowsWriterBenchmark {
    static final int ROWS = 100_000;

    List<FlowRow> rows;
    Path out;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("flows-writer-bench");
        SampleEstate estate = new SampleEstate(60, Instant.parse("2026-11-26T12:00:00Z"));
        for (InventorySnapshot s : estate.snapshots()) {
            InventoryFiles.write(s, dir.resolve("inventory").resolve(s.takenAt().toString()));
        }
        new FlowLogGenerator(estate, 9, 1).defaultFormatOnly().write(dir.resolve("logs"), ROWS);
        LoadedInventory inventory =
                LoadedInventory.current(dir.resolve("inventory").toString());
        List<FlowRow> read = new ArrayList<>();
        TextCache texts = new TextCache(4096);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("logs"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                new FlowLogReader(null).read(f.toString(), in, new FlowLogReader.Handler() {
                    @Override
                    public void onRecord(MutableFlowRecord record, long lineNumber) {
                        FlowRow row = FlowRow.of(record, f.toString(), lineNumber, texts);
                        RowEnricher.enrich(row, inventory.timeline(), inventory.evaluator(), Initiator.UNKNOWN);
                        read.add(row);
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {}
                });
            }
        }
        rows = List.copyOf(read.subList(0, ROWS));
        out = dir.resolve("flows.parquet");
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long flowsTable() throws IOException {
        return ParquetFiles.write(OutputTables.FLOWS, rows, out);
    }
}
