package io.vpcflow.jobs.source.file;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.PendingItems;
import io.vpcflow.jobs.source.ReaderAggregation;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads flow-log files for a Flink {@code FileSource}: each file whole (gzip is detected by its magic
 * bytes and inflated here with a large buffer, not by Flink's suffix-based codec; Parquet by its own magic bytes),
 * every line or row becoming a record (handed on in batches, {@link PendingItems}) or a dead letter. The position
 * in checkpoints is the number of items handed on (of a text file; of its row group, with the row group as the
 * offset, for Parquet), so a restored reader re-opens the file, goes to that row group and skips exactly those
 * items: nothing is read twice or lost.
 */
public final class FlowLogBulkFormat implements BulkFormat<LineItem, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    /** Items (mostly batches of records) handed to Flink at a time. */
    private static final int ITEMS_PER_FETCH = 8;

    private final String configuredFormat;
    private final ReaderAggregation aggregation;
    /**
     * The line reader and item queue of the last file read to its end, for the next one: making them (a 256 KiB
     * line buffer, a text cache) cost more than reading a small file. A source's files are read one at a time.
     */
    private transient Tools spare;

    private record Tools(FlowLogReader reader, ParquetFlowReader parquet, PendingItems pending) {}

    /** @param configuredFormat the format of lines without a header (AWS syntax or plain names), or null for v2 */
    public FlowLogBulkFormat(String configuredFormat) {
        this(configuredFormat, null);
    }

    /** @param aggregation sum records in the reader, handing on one item of partial sums per file; or null */
    public FlowLogBulkFormat(String configuredFormat, ReaderAggregation aggregation) {
        this.configuredFormat = configuredFormat;
        this.aggregation = aggregation;
    }

    @Override
    public BulkFormat.Reader<LineItem> createReader(Configuration config, FileSourceSplit split) {
        return new Reader(split, 0, 0);
    }

    @Override
    public BulkFormat.Reader<LineItem> restoreReader(Configuration config, FileSourceSplit split) {
        long skip = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        long group = split.getReaderPosition()
                .map(CheckpointedPosition::getOffset)
                .filter(o -> o != CheckpointedPosition.NO_OFFSET)
                .orElse(0L);
        return new Reader(split, (int) group, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<LineItem> getProducedType() {
        return LineItem.type();
    }

    private synchronized Tools takeTools() {
        Tools t = spare;
        spare = null;
        return t != null
                ? t
                : new Tools(
                        new FlowLogReader(configuredFormat == null ? null : FlowLogFormat.parse(configuredFormat)),
                        new ParquetFlowReader(),
                        new PendingItems(aggregation));
    }

    private synchronized void giveBack(Tools t) {
        spare = t;
    }

    private final class Reader implements BulkFormat.Reader<LineItem> {
        private final FSDataInputStream stream;
        private final FlowLogReader reader;
        private final ParquetFlowReader parquetReader;
        /** The Parquet reader when the file is Parquet, else null. */
        private ParquetFlowReader parquet;

        private final String source;
        private final PendingItems pending;
        /** Items handed on: of the file, or of row group {@link #group} of a Parquet file. */
        private long handedOn;

        private int group;
        private boolean more = true;
        private boolean ended;

        Reader(FileSourceSplit split, int group, long skip) {
            this.source = split.path().toString();
            Tools tools = takeTools();
            this.reader = tools.reader();
            this.parquetReader = tools.parquet();
            this.pending = tools.pending();
            this.handedOn = skip;
            this.group = group;
            pending.start(source, skip);
            FSDataInputStream opened = open(split.path());
            this.stream = opened;
            if (opened != null && isParquet(opened)) {
                parquet = parquetReader;
                parquet.open(source, new FlinkInputFile(opened, split.fileSize()), pending, group);
            } else if (opened != null) {
                reader.open(source, opened, pending);
            }
        }

        /** Whether the file starts as Parquet does; the stream is back at its start after. */
        private boolean isParquet(FSDataInputStream in) {
            byte[] head = new byte[4];
            try {
                int n = 0;
                for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                    n += r;
                }
                in.seek(0);
                return ParquetFlowReader.isParquet(head, n);
            } catch (IOException e) {
                return false; // the text reader reads it again and names the failure
            }
        }

        /** The file's stream; or null, with its dead letter handed on, when it cannot be read. */
        private FSDataInputStream open(Path path) {
            String problem = localProblem(path);
            if (problem != null) {
                // Never opened: a FIFO would wait for a writer forever, a broken link cannot be.
                deadLetter(DeadLetterReason.NOT_A_FILE, problem);
                return null;
            }
            try {
                return path.getFileSystem().open(path);
            } catch (IOException e) {
                // A file that vanished or cannot be opened is bad input, not a reason to stop the job.
                deadLetter(DeadLetterReason.IO_ERROR, "cannot open: " + Lines.first(String.valueOf(e.getMessage())));
                return null;
            }
        }

        private void deadLetter(DeadLetterReason reason, String detail) {
            pending.onDeadLetter(new DeadLetter(source, 1, "", reason, detail));
            more = false;
        }

        private static String localProblem(Path path) {
            URI uri = path.toUri();
            if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
                return null;
            }
            java.nio.file.Path p = new java.io.File(uri.getPath()).toPath();
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return null; // gone since it was listed: opening it says so
            }
            return Files.isDirectory(p) ? "a folder that cannot be listed" : LocalFiles.problem(p);
        }

        @Override
        public ArrayResultIterator<LineItem> readBatch() {
            ArrayDeque<LineItem> items = pending.items();
            if (parquet != null) {
                // A batch holds items of one row group: its position is that row group and the items handed in it.
                while (items.size() < ITEMS_PER_FETCH && more && (items.isEmpty() || !parquet.rowGroupDone())) {
                    more = parquet.next();
                }
                if (!items.isEmpty() && parquet.rowGroup() != group) {
                    group = parquet.rowGroup();
                    handedOn = 0;
                }
            } else {
                while (items.size() < ITEMS_PER_FETCH && more) {
                    more = reader.next();
                }
            }
            if (!more && !ended) {
                ended = true;
                pending.end();
            }
            if (items.isEmpty()) {
                return null;
            }
            LineItem[] batch = items.toArray(new LineItem[0]);
            items.clear();
            ArrayResultIterator<LineItem> it = new ArrayResultIterator<>();
            it.set(batch, batch.length, parquet != null ? group : CheckpointedPosition.NO_OFFSET, handedOn);
            handedOn += batch.length;
            return it;
        }

        @Override
        public void close() throws IOException {
            if (parquet != null) {
                parquet.close();
            }
            if (stream != null) {
                stream.close();
            }
            // A file left half read (a failover, a cancelled job) leaves its tools half filled: they go.
            if (ended && pending.items().isEmpty()) {
                giveBack(new Tools(reader, parquetReader, pending));
            }
        }
    }
}
