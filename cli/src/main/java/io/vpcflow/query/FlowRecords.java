package io.vpcflow.query;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowHandler;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.text.TextCache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Every record of a run's {@code flows} table, or of raw flow logs, as rows of parsed fields, one at a time: what a
 * command that judges records again reads. Both go through the readers the job uses, so a value is read by the same
 * rules whichever was given.
 *
 * <p>Files are decoded on several threads, a few files ahead, and handed on one file after another in name order, each
 * in its own order: the consumer sees exactly the sequence one thread would give it (connection state carried from
 * record to record depends on that), and reading, most of the work, is shared among the cores.
 */
public final class FlowRecords {
    /** What was read: files, records passed on, and records that could not be read. */
    public record Read(int files, long records, long deadLetters) {}

    /** Rows handed from a decoding thread to the consumer at a time. */
    private static final int CHUNK = 4096;

    private static final Chunk END = new Chunk();

    /**
     * Rows of one file on their way to the consumer. Each row is a new object: rows filled again once the consumer
     * is done with them would outlive young collections, and every value stored into them would then cost G1 its
     * write barrier's slow path (half as much CPU again over 10M rows; BENCHMARKS.md, issue 22).
     */
    private static final class Chunk {
        final FlowRow[] rows = new FlowRow[CHUNK];
        int size;
    }

    /** The fields attributing and judging a record reads. */
    public static final java.util.Set<FlowField> JUDGED = java.util.EnumSet.of(
            FlowField.INTERFACE_ID,
            FlowField.SRCADDR,
            FlowField.DSTADDR,
            FlowField.SRCPORT,
            FlowField.DSTPORT,
            FlowField.PROTOCOL,
            FlowField.PACKETS,
            FlowField.BYTES,
            FlowField.START,
            FlowField.END,
            FlowField.ACTION,
            FlowField.LOG_STATUS,
            FlowField.TCP_FLAGS,
            FlowField.PKT_SRCADDR,
            FlowField.PKT_DSTADDR,
            FlowField.PKT_SRC_AWS_SERVICE,
            FlowField.PKT_DST_AWS_SERVICE,
            FlowField.FLOW_DIRECTION);

    private FlowRecords() {}

    /** The Parquet files of a {@code flows} table folder (its partitions; files being written are hidden). */
    public static Read readFlowsTable(Path flows, Consumer<FlowRow> each, int threads) throws IOException {
        List<Path> files = LocalFiles.walk(List.of(flows)).files().stream()
                .filter(f -> f.toString().endsWith(".parquet"))
                .sorted()
                .toList();
        // Only what attribution and judgement read: the other columns are what enrichment made, and are made again.
        return readAll(files, each, threads, () -> {
            ParquetFlowReader reader = new ParquetFlowReader().only(JUDGED);
            return (f, handler) -> {
                reader.open(f, handler);
                while (reader.next()) {
                    // rows go to the handler
                }
                reader.close();
            };
        });
    }

    /** Raw flow logs: text (gzip or not, any layout) and Parquet, told apart by their first bytes. */
    public static Read readLogs(List<Path> files, FlowLogFormat format, Consumer<FlowRow> each, int threads)
            throws IOException {
        return readAll(files, each, threads, () -> {
            FlowLogReader text = new FlowLogReader(format);
            ParquetFlowReader parquet = new ParquetFlowReader();
            return (f, handler) -> read(f, text, parquet, handler);
        });
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

    /** Reads a file to a handler; one per thread (readers are not thread-safe). */
    private interface FileReader {
        void read(Path file, FlowLogReader.Handler handler) throws IOException;
    }

    /** One file's rows on their way to the consumer. */
    private static final class Decoded {
        final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(8);
        long records;
        long deadLetters;
        Throwable failure;
    }

    private static Read readAll(
            List<Path> files, Consumer<FlowRow> each, int threads, java.util.function.Supplier<FileReader> readers)
            throws IOException {
        int workers = Math.max(1, Math.min(threads, files.size()));
        ThreadLocal<FileReader> reader = ThreadLocal.withInitial(readers);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "vpcflow-read");
            t.setDaemon(true);
            return t;
        });
        List<Decoded> decoded = new ArrayList<>();
        long records = 0;
        long deadLetters = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                // Keep the workers a few files ahead of the consumer, and no more (memory).
                while (decoded.size() < Math.min(files.size(), i + workers + 1)) {
                    Path f = files.get(decoded.size());
                    Decoded d = new Decoded();
                    decoded.add(d);
                    pool.execute(() -> decode(f, reader.get(), d));
                }
                Decoded d = decoded.get(i);
                for (Chunk chunk = take(d); chunk != END; chunk = take(d)) {
                    for (int r = 0; r < chunk.size; r++) {
                        each.accept(chunk.rows[r]);
                    }
                }
                decoded.set(i, null);
                if (d.failure instanceof IOException e) {
                    throw e;
                } else if (d.failure instanceof RuntimeException e) {
                    throw e;
                } else if (d.failure != null) {
                    throw new IllegalStateException(d.failure);
                }
                records += d.records;
                deadLetters += d.deadLetters;
            }
        } finally {
            pool.shutdownNow();
        }
        return new Read(files.size(), records, deadLetters);
    }

    private static Chunk take(Decoded d) {
        try {
            return d.chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading records", e);
        }
    }

    private static void decode(Path f, FileReader reader, Decoded d) {
        Chunking handler = new Chunking(f.toString(), d);
        try {
            reader.read(f, handler);
            handler.flush();
        } catch (IOException | RuntimeException | Error e) {
            d.failure = e instanceof UncheckedIOException u ? u.getCause() : e;
        } finally {
            try {
                d.chunks.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the consumer has given up: nobody waits for the end
            }
        }
    }

    /** Makes a row of each record, or takes the reader's, and hands them on in chunks; the rows are the consumer's. */
    private static final class Chunking implements FlowRowHandler {
        final String source;
        final Decoded d;
        final TextCache texts = new TextCache(4096);
        Chunk chunk = new Chunk();

        Chunking(String source, Decoded d) {
            this.source = source;
            this.d = d;
        }

        @Override
        public void onRecord(MutableFlowRecord record, long lineNumber) {
            add(FlowRow.of(record, source, lineNumber, texts));
        }

        @Override
        public FlowRow onRow(FlowRow row, long lineNumber) {
            add(row);
            return new FlowRow();
        }

        private void add(FlowRow row) {
            chunk.rows[chunk.size++] = row;
            d.records++;
            if (chunk.size == CHUNK) {
                flush();
            }
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            d.deadLetters++;
        }

        void flush() {
            if (chunk.size == 0) {
                return;
            }
            try {
                d.chunks.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            chunk = new Chunk();
        }
    }
}
