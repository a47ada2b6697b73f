package io.vpcflow.jobs.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.ReaderAggregation;
import io.vpcflow.verdict.Verdict;
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
    void handsOnRecordsInBatchesAndDeadLettersWithPositionsARestoredReaderSkipsExactly() throws Exception {
        Path file = dir.resolve("f.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            sb.append(i == 700 ? "garbage" : "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 " + i + " 100 160 ACCEPT OK")
                    .append('\n');
        }
        Files.writeString(file, sb.toString());
        FlowLogBulkFormat format = new FlowLogBulkFormat(null);

        // A dead letter goes as it comes; records wait until a batch is full or the file ends.
        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(file, null)));
        assertThat(all)
                .extracting(i -> i.getRecord().flows == null ? "dead" : "" + i.getRecord().flows.length)
                .containsExactly("512", "dead", "512", "175");
        assertThat(all.get(1).getRecord().deadLetter.reason).isEqualTo("wrong_field_count");
        assertThat(all.get(1).getRecord().deadLetter.lineNumber).isEqualTo(701);
        assertThat(all.get(2).getRecord().flows[0].lineNumber).isEqualTo(513);
        assertThat(all.get(2).getRecord().flows[188].lineNumber)
                .as("the batch goes on past the dead letter")
                .isEqualTo(702);
        assertThat(all).extracting(RecordAndPosition::getRecordSkipCount).containsExactly(1L, 2L, 3L, 4L);

        // Restore after 3 items: exactly the last batch comes again, from line 1026.
        List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(
                new Configuration(), split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 3))));
        assertThat(rest).singleElement().satisfies(i -> {
            assertThat(i.getRecord().flows)
                    .extracting(f -> f.lineNumber)
                    .startsWith(1026L)
                    .endsWith(1200L)
                    .hasSize(175);
            assertThat(i.getRecordSkipCount()).isEqualTo(4);
        });
    }

    @Test
    void aBatchHoldsRecordsOfOneHourSoThatItBelongsToOnePartition() throws Exception {
        Path file = dir.resolve("hours.log");
        long hour = 1795694400;
        StringBuilder sb = new StringBuilder();
        long[] ends = {hour + 10, hour + 20, hour + 3599, hour + 3600, hour + 3700, hour + 30};
        for (long end : ends) {
            sb.append("2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 1 ")
                    .append(end - 60)
                    .append(' ')
                    .append(end)
                    .append(" ACCEPT OK\n");
        }
        Files.writeString(file, sb.toString());
        List<RecordAndPosition<LineItem>> all =
                readAll(new FlowLogBulkFormat(null).createReader(new Configuration(), split(file, null)));
        assertThat(all).extracting(i -> i.getRecord().flows.length).containsExactly(3, 2, 1);
        assertThat(all)
                .allSatisfy(i -> assertThat(i.getRecord().flows)
                        .extracting(f -> f.windowTime() / 3600)
                        .containsOnly(i.getRecord().flows[0].windowTime() / 3600));
        assertThat(all.get(1).getRecord().eventTimeMillis())
                .as("a batch's time is its latest record's")
                .isEqualTo((hour + 3700) * 1000);
    }

    @Test
    void aSummingReaderHandsOnDeadLettersAndConnectionRecordsThenOneItemOfSumsAndRestoresExactlyOnce()
            throws Exception {
        Path inventory = dir.resolve("inventory");
        io.vpcflow.inventory.files.InventoryFiles.write(io.vpcflow.inventory.InventorySnapshot.empty(null), inventory);
        Path file = dir.resolve("f.log");
        StringBuilder sb =
                new StringBuilder("version interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                        + "start end action log-status tcp-flags\n");
        for (int i = 0; i < 1000; i++) {
            // Every tenth record is TCP with flags (it needs connection state), but one in ten of those is a bad line.
            String flags = i % 10 == 0 ? "2" : "-";
            int protocol = i % 10 == 0 ? 6 : 17;
            sb.append(
                            i % 100 == 50
                                    ? "garbage"
                                    : "5 eni-1 10.0.0.1 10.0.0.2 1 53 " + protocol + " 1 " + i + " " + (1795694400 + i)
                                            + " " + (1795694460 + i) + " ACCEPT OK " + flags)
                    .append('\n');
        }
        Files.writeString(file, sb.toString());
        FlowLogBulkFormat format = new FlowLogBulkFormat(null, new ReaderAggregation(inventory.toString(), 300));

        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(file, null)));
        // 10 dead letters as they come, a batch of the 90 connection records, then the sums of the other 900.
        assertThat(all).hasSize(12);
        assertThat(all.subList(0, 10))
                .allSatisfy(i -> assertThat(i.getRecord().deadLetter).isNotNull());
        assertThat(all.get(10).getRecord().flows)
                .hasSize(90)
                .allSatisfy(f -> assertThat(f.tcpFlags).isEqualTo(2));
        LineItem sums = all.get(11).getRecord();
        assertThat(sums.partialsSource).endsWith("f.log");
        assertThat(java.util.Arrays.stream(sums.verdictPartials)
                        .mapToLong(p -> p.flows)
                        .sum())
                .isEqualTo(900);
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += i % 10 == 0 ? 0 : i;
        }
        assertThat(java.util.Arrays.stream(sums.verdictPartials)
                        .mapToLong(p -> p.bytes)
                        .sum())
                .isEqualTo(bytes);
        assertThat(sums.verdictPartials).allSatisfy(p -> assertThat(p.verdict).isEqualTo(Verdict.NOT_EVALUATED));
        assertThat(sums.eventTimeMillis())
                .isEqualTo(java.util.Arrays.stream(sums.verdictPartials)
                                .mapToLong(p -> p.windowStart)
                                .max()
                                .orElseThrow()
                        * 1000);

        // Restored before the sums were handed on: the file is summed again, and they come once.
        List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(
                new Configuration(), split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 10))));
        assertThat(rest).hasSize(2);
        assertThat(rest.get(0).getRecord().flows).hasSize(90);
        assertThat(java.util.Arrays.stream(rest.get(1).getRecord().verdictPartials)
                        .mapToLong(p -> p.flows)
                        .sum())
                .isEqualTo(900);
        // Restored after: nothing more.
        assertThat(readAll(format.restoreReader(
                        new Configuration(),
                        split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 12)))))
                .isEmpty();
    }

    @Test
    void aFileClosedHalfReadLeavesNothingToTheNextFile() throws Exception {
        // One format reads the files of a source one after another, with the same line reader and item queue
        // when the last file was read to its end; a file left half read must not hand its rows to the next.
        Path big = dir.resolve("big.log");
        Path small = dir.resolve("small.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            // Eight dead letters after 100 records: the first fetch hands them on with the records' batch unfinished.
            sb.append(
                            i >= 100 && i < 108
                                    ? "garbage"
                                    : "2 1 eni-big 10.0.0.1 10.0.0.2 1 22 6 1 " + i + " 100 160 ACCEPT OK")
                    .append('\n');
        }
        Files.writeString(big, sb.toString());
        Files.writeString(small, "2 1 eni-small 10.0.0.1 10.0.0.2 1 22 6 1 7 100 160 ACCEPT OK\n");
        FlowLogBulkFormat format = new FlowLogBulkFormat(null);

        BulkFormat.Reader<LineItem> half = format.createReader(new Configuration(), split(big, null));
        BulkFormat.RecordIterator<LineItem> first = half.readBatch();
        for (int i = 0; i < 8; i++) {
            assertThat(first.next().getRecord().deadLetter).isNotNull();
        }
        half.close();
        for (int round = 0; round < 2; round++) {
            assertThat(readAll(format.createReader(new Configuration(), split(small, null))))
                    .singleElement()
                    .satisfies(i -> assertThat(i.getRecord().flows)
                            .extracting(f -> f.interfaceId)
                            .containsExactly("eni-small"));
        }
        assertThat(readAll(format.createReader(new Configuration(), split(big, null))))
                .filteredOn(i -> i.getRecord().flows != null)
                .flatExtracting(i -> List.of(i.getRecord().flows))
                .hasSize(4992);
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

    @Test
    void aFifoOrABrokenLinkIsADeadLetterAndNeverOpened() throws Exception {
        Path fifo = dir.resolve("pipe.log");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Path broken = Files.createSymbolicLink(dir.resolve("broken.log"), dir.resolve("gone.log"));
        // Opening the FIFO would wait for a writer forever: that this returns shows it was not opened.
        for (Path p : List.of(fifo, broken)) {
            List<RecordAndPosition<LineItem>> items =
                    readAll(new FlowLogBulkFormat(null).createReader(new Configuration(), split(p, null)));
            assertThat(items).singleElement().satisfies(i -> {
                assertThat(i.getRecord().deadLetter.reason).isEqualTo("not_a_file");
                assertThat(i.getRecord().deadLetter.source)
                        .endsWith(p.getFileName().toString());
            });
        }
    }

    private static FileSourceSplit split(Path file, CheckpointedPosition position) throws java.io.IOException {
        long size = Files.isRegularFile(file) ? Files.size(file) : 1;
        return new FileSourceSplit(
                "s", new org.apache.flink.core.fs.Path(file.toUri()), 0, size, 0, size, new String[0], position);
    }

    /** 20,000 default-format records, as AWS's Parquet in row groups of about 2,000. */
    private Path parquetFile() throws Exception {
        StringBuilder sb = new StringBuilder(io.vpcflow.flowlog.FlowLogFormat.DEFAULT.headerLine()).append('\n');
        for (int i = 0; i < 20_000; i++) {
            sb.append("2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 " + i + " " + (1795694400 + i) + " " + (1795694460 + i)
                            + (i == 9_000 ? " ALLOW OK" : " ACCEPT OK"))
                    .append('\n');
        }
        Path text = dir.resolve("p.log");
        Files.writeString(text, sb.toString());
        Path parquet = dir.resolve("p.log.parquet");
        new io.vpcflow.format.parquet.FlowLogParquetFiles(2000)
                .write(text, parquet, io.vpcflow.format.parquet.FlowLogParquetFiles.Kind.PARQUET);
        return parquet;
    }

    @Test
    void aParquetFileIsKnownByItsBytesAndARestoredReaderGoesToItsRowGroupAndSkipsWhatWasHandedOn() throws Exception {
        Path parquet = parquetFile();
        FlowLogBulkFormat format = new FlowLogBulkFormat(null);
        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(parquet, null)));
        // The text's bad line (action ALLOW) is not written: 19,999 rows, numbered in the file 1 on.
        assertThat(all)
                .flatExtracting(i -> i.getRecord().flows == null ? List.of() : List.of(i.getRecord().flows))
                .extracting(f -> ((io.vpcflow.enrich.FlowRow) f).lineNumber)
                .hasSize(19_999)
                .doesNotHaveDuplicates()
                .contains(1L, 19_999L);
        assertThat(all).allSatisfy(i -> assertThat(i.getRecord().flows).isNotNull());
        List<Long> groups =
                all.stream().map(RecordAndPosition::getOffset).distinct().toList();
        assertThat(groups)
                .as("positions name row groups, in order")
                .hasSizeGreaterThanOrEqualTo(3)
                .isSorted();
        assertThat(groups.get(0)).isZero();
        for (int k : List.of(0, all.size() / 3, all.size() / 2, all.size() - 2)) {
            RecordAndPosition<LineItem> at = all.get(k);
            List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(
                    new Configuration(),
                    split(parquet, new CheckpointedPosition(at.getOffset(), at.getRecordSkipCount()))));
            assertThat(rest)
                    .extracting(ParquetPositions::rows)
                    .as("restored after item %d", k)
                    .containsExactlyElementsOf(all.subList(k + 1, all.size()).stream()
                            .map(ParquetPositions::rows)
                            .toList());
            assertThat(rest)
                    .extracting(RecordAndPosition::getOffset)
                    .containsExactlyElementsOf(all.subList(k + 1, all.size()).stream()
                            .map(RecordAndPosition::getOffset)
                            .toList());
        }
    }

    @Test
    void aSummingReaderHandsOnAParquetRowGroupsSumsAtItsEndSoARestoreNeitherLosesNorDoublesThem() throws Exception {
        Path inventory = dir.resolve("inventory");
        io.vpcflow.inventory.files.InventoryFiles.write(io.vpcflow.inventory.InventorySnapshot.empty(null), inventory);
        Path parquet = parquetFile();
        FlowLogBulkFormat format = new FlowLogBulkFormat(null, new ReaderAggregation(inventory.toString(), 300));
        List<RecordAndPosition<LineItem>> all = readAll(format.createReader(new Configuration(), split(parquet, null)));
        assertThat(ParquetPositions.summed(all)).isEqualTo(19_999);
        for (int k = 0; k < all.size() - 1; k++) {
            RecordAndPosition<LineItem> at = all.get(k);
            List<RecordAndPosition<LineItem>> rest = readAll(format.restoreReader(
                    new Configuration(),
                    split(parquet, new CheckpointedPosition(at.getOffset(), at.getRecordSkipCount()))));
            assertThat(ParquetPositions.summed(all.subList(0, k + 1)) + ParquetPositions.summed(rest))
                    .as("restored after item %d of %d", k, all.size())
                    .isEqualTo(19_999);
        }
    }

    /** What a Parquet file's items hold, to compare runs. */
    private static final class ParquetPositions {
        static String rows(RecordAndPosition<LineItem> i) {
            LineItem item = i.getRecord();
            if (item.flows != null) {
                return item.flows[0].lineNumber + ".." + item.flows[item.flows.length - 1].lineNumber;
            }
            return item.deadLetter != null ? "dead " + item.deadLetter.lineNumber : "sums";
        }

        static long summed(List<RecordAndPosition<LineItem>> items) {
            long n = 0;
            for (RecordAndPosition<LineItem> i : items) {
                LineItem item = i.getRecord();
                if (item.verdictPartials != null) {
                    n += java.util.Arrays.stream(item.verdictPartials)
                            .mapToLong(p -> p.flows)
                            .sum();
                }
                if (item.flows != null) {
                    n += item.flows.length;
                }
            }
            return n;
        }
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
