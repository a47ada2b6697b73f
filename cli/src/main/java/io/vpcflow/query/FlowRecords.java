package io.vpcflow.query;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.text.TextCache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every record of a run's {@code flows} table, or of raw flow logs, as rows of parsed fields, one at a time: what a
 * command that judges records again reads. Both go through the readers the job uses, so a value is read by the same
 * rules whichever was given. The row passed on is reused after the call returns.
 */
public final class FlowRecords {
    /** What was read: files, records passed on, and records that could not be read. */
    public record Read(int files, long records, long deadLetters) {}

    private FlowRecords() {}

    /** The Parquet files of a {@code flows} table folder (its partitions; files being written are hidden). */
    public static Read readFlowsTable(Path flows, Consumer<FlowRow> each) throws IOException {
        List<Path> files = LocalFiles.walk(List.of(flows)).files().stream()
                .filter(f -> f.toString().endsWith(".parquet"))
                .sorted()
                .toList();
        Reading r = new Reading(each);
        ParquetFlowReader reader = new ParquetFlowReader().knownFieldsOnly();
        for (Path f : files) {
            r.source = f.toString();
            reader.open(f, r);
            while (reader.next()) {
                // rows go to the handler
            }
            reader.close();
        }
        return new Read(files.size(), r.records, r.deadLetters);
    }

    /** Raw flow logs: text (gzip or not, any layout) and Parquet, told apart by their first bytes. */
    public static Read readLogs(List<Path> files, FlowLogFormat format, Consumer<FlowRow> each) throws IOException {
        Reading r = new Reading(each);
        FlowLogReader text = new FlowLogReader(format);
        ParquetFlowReader parquet = new ParquetFlowReader();
        for (Path f : files) {
            r.source = f.toString();
            read(f, text, parquet, r);
        }
        return new Read(files.size(), r.records, r.deadLetters);
    }

    /**
     * Reads one file of flow logs to its end, as text or as Parquet by its first bytes: every record and dead letter
     * goes to {@code handler}.
     *
     * @return what the footer says of a Parquet file, or null for text
     */
    public static ParquetFlowReader.Info read(
            Path file, FlowLogReader text, ParquetFlowReader parquet, FlowLogReader.Handler handler)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (!ParquetFlowReader.isParquet(head, head.length)) {
                text.read(file.toString(), new SequenceInputStream(new ByteArrayInputStream(head), in), handler);
                return null;
            }
        }
        parquet.open(file, handler);
        ParquetFlowReader.Info info = parquet.info();
        while (parquet.next()) {
            // rows go to the handler
        }
        parquet.close();
        return info;
    }

    private static final class Reading implements FlowLogReader.Handler {
        final Consumer<FlowRow> each;
        final FlowRow row = new FlowRow();
        final TextCache texts = new TextCache(4096);
        String source;
        long records;
        long deadLetters;

        Reading(Consumer<FlowRow> each) {
            this.each = each;
        }

        @Override
        public void onRecord(MutableFlowRecord record, long lineNumber) {
            row.read(record, source, lineNumber, texts);
            records++;
            each.accept(row);
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            deadLetters++;
        }
    }
}
