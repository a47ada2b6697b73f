package io.vpcflow.bench;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.text.TextCache;
import io.vpcflow.whatif.Proposal;
import io.vpcflow.whatif.WhatIf;
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
 * What-if's judging alone, without reading: the records of the bench's generated estate (200 interfaces, seed 9),
 * already parsed, judged by today's rules and again under a proposal that removes the web servers' 443 rule (a fifth
 * of the records change). One operation is one record.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=WhatIfBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class WhatIfBenchmark {
    static final int RECORDS = 200_000;

    OwnershipTimeline timeline;
    IntentEvaluator today;
    Proposal proposal;
    final List<FlowRow> rows = new ArrayList<>();

    @Setup
    public void setUp() throws IOException {
        SampleEstate estate = new SampleEstate(62, Instant.parse("2026-11-26T12:00:00Z"));
        Path dir = Files.createTempDirectory("whatif-bench");
        new FlowLogGenerator(estate, 9, 3).write(dir, RECORDS);
        timeline = OwnershipTimeline.of(estate.snapshots());
        today = new IntentEvaluator(timeline);
        proposal = Proposal.builder()
                .edit(
                        "sg-0web",
                        List.of(new SecurityGroupRule(
                                null, "sg-0web", false, "tcp", 443, 443, "0.0.0.0/0", null, null, null, null)),
                        List.of())
                .build();
        TextCache texts = new TextCache(4096);
        FlowLogReader reader = new FlowLogReader(null);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".gz")).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(f.toString(), in, new FlowLogReader.Handler() {
                    @Override
                    public void onRecord(MutableFlowRecord record, long lineNumber) {
                        rows.add(FlowRow.of(record, f.toString(), lineNumber, texts));
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {}
                });
            }
        }
        WhatIf w = newWhatIf();
        rows.forEach(w::add);
        System.out.printf(
                "%n%,d records, %,d judged, %,d would block%n",
                rows.size(), w.judged(), w.totals(WhatIf.Change.WOULD_BLOCK).flows());
    }

    private WhatIf newWhatIf() {
        return new WhatIf(timeline, today, proposal, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long judgeTwice() {
        WhatIf w = newWhatIf();
        for (FlowRow r : rows) {
            w.add(r);
        }
        return w.totals(WhatIf.Change.WOULD_BLOCK).flows();
    }
}
