package io.vpcflow.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLogBulkFormatTest {
    @TempDir
    Path dir;

    @Test
    void handsOnEveryLineWithPositionsARestoredReaderSkipsExactly() throws Exception {
        Path file = dir.resolve("f.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            sb.append(i == 700 ? "garbage" : "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 " + i + " 100 160 ACCEPT OK").append('\n');
        }
        Files.writeString(file, sb.toString());
        FlowLogBulkFormat format = new FlowLogBulkFormat(null);

        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(file, null)));
        assertThat(all).hasSize(1200);
        assertThat(all.get(700).getRecord().deadLetter.reason).isEqualTo("wrong_field_count");
        assertThat(all.get(1199).getRecordSkipCount()).isEqualTo(1200);

        // Restore after 900 items: exactly the other 300 come, the first of them is line 901.
        List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(new Configuration(),
                split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 900))));
        assertThat(rest).hasSize(300);
        assertThat(rest.get(0).getRecord().flow.lineNumber).isEqualTo(901);
        assertThat(rest.get(0).getRecordSkipCount()).isEqualTo(901);
    }

    @Test
    void aSummingReaderHandsOnDeadLettersAndConnectionRecordsThenOneItemOfSumsAndRestoresExactlyOnce() throws Exception {
        Path inventory = dir.resolve("inventory");
        io.vpcflow.inventory.InventoryFiles.write(io.vpcflow.inventory.InventorySnapshot.empty(null), inventory);
        Path file = dir.resolve("f.log");
        StringBuilder sb = new StringBuilder("version interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                + "start end action log-status tcp-flags\n");
        for (int i = 0; i < 1000; i++) {
            // Every tenth record is TCP with flags (it needs connection state), but one in ten of those is a bad line.
            String flags = i % 10 == 0 ? "2" : "-";
            int protocol = i % 10 == 0 ? 6 : 17;
            sb.append(i % 100 == 50 ? "garbage" : "5 eni-1 10.0.0.1 10.0.0.2 1 53 " + protocol + " 1 " + i + " "
                    + (1795694400 + i) + " " + (1795694460 + i) + " ACCEPT OK " + flags).append('\n');
        }
        Files.writeString(file, sb.toString());
        FlowLogBulkFormat format = new FlowLogBulkFormat(null, new ReaderAggregation(inventory.toString(), 300, false));

        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(file, null)));
        // 90 connection records and 10 dead letters in file order, then the sums of the other 900 records.
        assertThat(all).hasSize(101);
        assertThat(all.subList(0, 100)).allSatisfy(i -> assertThat(i.getRecord().verdictPartials).isNull());
        assertThat(all.subList(0, 100)).filteredOn(i -> i.getRecord().flow != null).hasSize(90)
                .allSatisfy(i -> assertThat(i.getRecord().flow.tcpFlags).isEqualTo(2));
        LineItem sums = all.get(100).getRecord();
        assertThat(sums.partialsSource).endsWith("f.log");
        assertThat(java.util.Arrays.stream(sums.verdictPartials).mapToLong(p -> p.flows).sum()).isEqualTo(900);
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += i % 10 == 0 ? 0 : i;
        }
        assertThat(java.util.Arrays.stream(sums.verdictPartials).mapToLong(p -> p.bytes).sum()).isEqualTo(bytes);
        assertThat(sums.verdictPartials).allSatisfy(p -> assertThat(p.verdict).isEqualTo("not_evaluated"));
        assertThat(sums.eventTimeMillis()).isEqualTo(
                java.util.Arrays.stream(sums.verdictPartials).mapToLong(p -> p.windowStart).max().orElseThrow() * 1000);

        // Restored before the sums were handed on: the file is summed again, and they come once.
        List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(new Configuration(),
                split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 95))));
        assertThat(rest).hasSize(6);
        assertThat(java.util.Arrays.stream(rest.get(5).getRecord().verdictPartials).mapToLong(p -> p.flows).sum())
                .isEqualTo(900);
        // Restored after: nothing more.
        assertThat(readAll(format.restoreReader(new Configuration(),
                split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 101))))).isEmpty();
    }

    @Test
    void aFileThatCannotBeOpenedIsADeadLetterNotAFailure() throws Exception {
        List<RecordAndPosition<LineItem>> items = readAll(new FlowLogBulkFormat(null)
                .createReader(new Configuration(), split(dir.resolve("vanished.log.gz"), null)));
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.getRecord().deadLetter.reason).isEqualTo("io_error");
            assertThat(i.getRecord().deadLetter.source).endsWith("vanished.log.gz");
        });
    }

    private static FileSourceSplit split(Path file, CheckpointedPosition position) {
        return new FileSourceSplit("s", new org.apache.flink.core.fs.Path(file.toUri()), 0, 1, 0, 1, new String[0],
                position);
    }

    private static List<RecordAndPosition<LineItem>> readAll(BulkFormat.Reader<LineItem> reader) throws Exception {
        List<RecordAndPosition<LineItem>> out = new ArrayList<>();
        BulkFormat.RecordIterator<LineItem> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<LineItem> r;
            while ((r = batch.next()) != null) {
                out.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
            }
            batch.releaseBatch();
        }
        reader.close();
        return out;
    }
}
