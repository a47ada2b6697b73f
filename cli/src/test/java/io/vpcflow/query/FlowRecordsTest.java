package io.vpcflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.text.TextCache;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRecordsTest {
    @TempDir
    static Path dir;

    static List<Path> files;

    @BeforeAll
    static void generate() throws Exception {
        // Several files, each of several chunks: rows are filled again while later files are decoded.
        new FlowLogGenerator(new SampleEstate(20, Instant.parse("2026-11-26T12:00:00Z")), 5, 3).write(dir, 40_000);
        files = LocalFiles.walk(List.of(dir)).files().stream()
                .filter(f -> f.toString().endsWith(".gz"))
                .sorted()
                .toList();
        assertThat(files).hasSizeGreaterThan(2);
    }

    static String describe(FlowRow r) {
        return r.source + ":" + r.lineNumber + " " + r.interfaceId + " " + r.srcaddr + ":" + r.srcport + " "
                + r.dstaddr + ":" + r.dstport + " " + r.protocol + " " + r.bytes + " " + r.start + " " + r.action
                + " " + r.tcpFlags;
    }

    @Test
    void rowsComeInTheOrderOneThreadReadingEveryFileInTurnGivesWithTheirOwnValues() throws Exception {
        List<String> expected = new ArrayList<>();
        FlowLogReader reader = new FlowLogReader(null);
        TextCache texts = new TextCache(64);
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                reader.read(f.toString(), in, new FlowLogReader.Handler() {
                    @Override
                    public void onRecord(MutableFlowRecord record, long lineNumber) {
                        expected.add(describe(FlowRow.of(record, f.toString(), lineNumber, texts)));
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {}
                });
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            List<String> seen = new ArrayList<>();
            FlowRecords.Read read = FlowRecords.readLogs(files, null, r -> seen.add(describe(r)), threads);
            assertThat(read.records()).isEqualTo(expected.size());
            assertThat(seen).as("%d threads", threads).isEqualTo(expected);
        }
        assertThat(expected).hasSizeGreaterThan(40_000 / 2);
    }
}
