package io.vpcflow.format.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes rows to a Parquet file in batches of 1,024, column by column. Strings and numbers go to our own page
 * encoders ({@link PageColumn}), which keep a page's values in arrays and encode them once the page is full.
 * Booleans, lists and maps go straight into parquet-java's column writers: no record consumer in between
 * (which tracks fields and fills in nulls one call at a time), each repeated string encoded once
 * ({@link BinaryCache}). Compression, page headers, indexes, row groups and the footer are parquet-java's.
 */
public final class ColumnarWriter<T> {
    /** parquet-java's default: a row group of about 128 MiB. */
    static final long ROW_GROUP_BYTES = ParquetWriter.DEFAULT_BLOCK_SIZE;

    private static final int BATCH = 1024;

    private final long rowGroupBytes;
    private final List<Column<T>> columns;
    private final MessageType schema;
    private final ParquetProperties props;
    private final CodecFactory codecs;
    private final CodecFactory.BytesCompressor compressor;
    private final ParquetFileWriter file;
    private final BinaryCache[] texts;
    private final int[] firstLeaf;
    /** Each column's guard ({@link Column#nullUnless}) as an index into {@link #guards}, or -1. */
    private final int[] guardOf;

    private final List<Column.Guard<T>> guards = new ArrayList<>();
    /** Per guard, for the batch being written: whether it holds of any row. */
    private final boolean[] guardHolds;
    /** The columns parquet-java writes (booleans, lists, maps), or null if there are none. */
    private final MessageType parquetJavaSchema;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private PageColumn[] ownPages;
    private final Object[] batch = new Object[BATCH];
    /** One column's values of the batch, on their way to its page encoder. */
    private final String[] textBatch = new String[BATCH];

    private final long[] numberBatch = new long[BATCH];
    /** Reads some columns of a whole batch in one pass over the rows, or null. */
    private final ColumnsReader<T> reader;
    /** The arrays {@link #reader} fills, in its order. */
    private final Object[] readValues;
    /** Per column, its array in {@link #readValues}, or -1 when its getter reads it. */
    private final int[] readSlot;

    private int batched;
    private long rows;
    private int rowGroups;

    /**
     * @param out where the file goes, from its first byte; {@link #finish()} closes it (a stream whose owner closes it
     *            makes its own close a flush)
     */
    public ColumnarWriter(PositionOutputStream out, ParquetTable<T> table, long rowGroupBytes) throws IOException {
        List<Column<T>> columns = table.columns();
        MessageType schema = table.schema();
        this.rowGroupBytes = rowGroupBytes;
        // Size statistics (level histograms, unencoded sizes; new in Parquet 2.10) cost a call per value and
        // no engine users pick reads them yet; min/max statistics stay, engines prune with them.
        ParquetProperties.Builder settings = ParquetProperties.builder().withSizeStatisticsEnabled(false);
        for (Column<T> c : columns) {
            if (!c.dictionary) {
                settings.withDictionaryEncoding(c.name, false);
            }
        }
        this.props = settings.build();
        this.columns = columns;
        this.schema = schema;
        this.firstLeaf = new int[columns.size()];
        this.texts = new BinaryCache[columns.size()];
        this.guardOf = new int[columns.size()];
        Map<Column.Guard<T>, Integer> guardIndex = new IdentityHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column.Guard<T> g = columns.get(i).present;
            guardOf[i] = g == null
                    ? -1
                    : guardIndex.computeIfAbsent(g, k -> {
                        guards.add(k);
                        return guards.size() - 1;
                    });
        }
        this.guardHolds = new boolean[guards.size()];
        this.reader = table.reader();
        this.readSlot = new int[columns.size()];
        Arrays.fill(readSlot, -1);
        List<String> read = reader == null ? List.of() : reader.columns();
        this.readValues = new Object[read.size()];
        for (int j = 0; j < read.size(); j++) {
            int i = indexOf(columns, read.get(j));
            Column<T> c = columns.get(i);
            if (!c.ownPages() || c.present != null || readSlot[i] >= 0) {
                throw new IllegalArgumentException("a columns reader fills string and number columns without a "
                        + "guard, once each: not " + c.name);
            }
            readSlot[i] = j;
            readValues[j] = c.valuesArray(BATCH);
        }
        int leaf = 0;
        List<Type> parquetJavaColumns = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            firstLeaf[i] = leaf;
            texts[i] = c.hasText() && !c.ownPages() ? new BinaryCache(1024) : null;
            if (!c.ownPages()) {
                parquetJavaColumns.add(schema.getType(i));
            }
            leaf += c.leaves();
        }
        this.parquetJavaSchema =
                parquetJavaColumns.isEmpty() ? null : new MessageType(schema.getName(), parquetJavaColumns);
        this.codecs = new CodecFactory(new org.apache.hadoop.conf.Configuration(false), props.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
        this.file = new ParquetFileWriter(
                new StreamFile(out),
                schema,
                ParquetFileWriter.Mode.CREATE,
                rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                null,
                props);
        file.start();
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(
                compressor,
                schema,
                HeapByteBufferAllocator.getInstance(),
                props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled(),
                null,
                rowGroups);
        // parquet-java's writers for its columns only; every column's pages go to the same page store, which
        // finds a column's page writer by its path.
        store = parquetJavaSchema == null ? null : props.newColumnWriteStore(parquetJavaSchema, pages, pages);
        List<ColumnDescriptor> leaves = schema.getColumns();
        writers = new ColumnWriter[leaves.size()];
        ownPages = new PageColumn[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            ColumnDescriptor first = leaves.get(firstLeaf[i]);
            if (c.ownPages()) {
                ownPages[i] = c.pages(first, pages.getPageWriter(first), props);
            } else {
                for (int l = 0; l < c.leaves(); l++) {
                    writers[firstLeaf[i] + l] = store.getColumnWriter(leaves.get(firstLeaf[i] + l));
                }
            }
        }
    }

    /** Adds one row. */
    public void add(T row) throws IOException {
        batch[batched++] = row;
        if (batched == batch.length) {
            writeBatch();
        }
    }

    /** Adds {@code rows} in order, as {@link #add} would one by one. */
    public void addAll(T[] rows) throws IOException {
        for (int done = 0; done < rows.length; ) {
            int n = Math.min(rows.length - done, batch.length - batched);
            System.arraycopy(rows, done, batch, batched, n);
            batched += n;
            done += n;
            if (batched == batch.length) {
                writeBatch();
            }
        }
    }

    /**
     * Writes the buffered rows column by column: one column writer's state (levels, dictionary, statistics)
     * stays in cache for a whole batch instead of every writer being touched for every row.
     */
    private void writeBatch() throws IOException {
        for (int g = 0; g < guardHolds.length; g++) {
            guardHolds[g] = anyHolds(guards.get(g));
        }
        if (reader != null) {
            reader.read(batch, batched, readValues);
        }
        long buffered = 0;
        for (int i = 0; i < firstLeaf.length; i++) {
            Column<T> column = columns.get(i);
            PageColumn own = ownPages[i];
            if (own != null) {
                if (allNull(i)) {
                    own.addNulls(batched);
                } else if (readSlot[i] >= 0) {
                    column.encode(own, readValues[readSlot[i]], batched);
                } else {
                    column.write(batch, batched, own, textBatch, numberBatch);
                }
                buffered += own.bufferedBytes();
                continue;
            }
            int leaf = firstLeaf[i];
            if (allNull(i)) {
                for (int l = leaf; l < leaf + column.leaves(); l++) {
                    for (int r = 0; r < batched; r++) {
                        writers[l].writeNull(0, 0);
                    }
                }
                continue;
            }
            BinaryCache columnTexts = texts[i];
            for (int r = 0; r < batched; r++) {
                @SuppressWarnings("unchecked")
                T row = (T) batch[r];
                column.write(row, writers, leaf, columnTexts);
            }
        }
        if (store != null) {
            for (int r = 0; r < batched; r++) {
                store.endRecord();
            }
            buffered += store.getBufferedSize();
        }
        rows += batched;
        Arrays.fill(batch, 0, batched, null);
        batched = 0;
        if (buffered >= rowGroupBytes) {
            endRowGroup();
            startRowGroup();
        }
    }

    private static int indexOf(List<? extends Column<?>> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name.equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("a columns reader names " + name + ", which the table does not have");
    }

    /** Whether column {@code i} is null in every row of the batch: its guard holds of none of them. */
    private boolean allNull(int i) {
        return guardOf[i] >= 0 && !guardHolds[guardOf[i]];
    }

    @SuppressWarnings("unchecked")
    private boolean anyHolds(Column.Guard<T> guard) {
        for (int r = 0; r < batched; r++) {
            if (guard.test((T) batch[r])) {
                return true;
            }
        }
        return false;
    }

    private void endRowGroup() throws IOException {
        if (rows > 0) {
            file.startBlock(rows);
            for (PageColumn own : ownPages) {
                if (own != null) {
                    own.endChunk();
                }
            }
            if (store != null) {
                store.flush();
            }
            pages.flushToFileWriter(file);
            file.endBlock();
            rowGroups++;
            rows = 0;
        }
        if (store != null) {
            store.close();
        }
        pages.close();
    }

    /** Nothing: the rows wait for {@link #finish()}. */
    public void flush() {
        // A Parquet row group cannot be cut short and resumed: everything waits for finish().
    }

    /** Writes what is left and the footer. */
    public void finish() throws IOException {
        try {
            writeBatch();
            endRowGroup();
            file.end(Map.of());
        } finally {
            codecs.release();
        }
    }

    /** The caller's stream as Parquet's output file; Parquet closes it when the file ends. */
    private static final class StreamFile implements OutputFile {
        private final PositionOutputStream out;

        StreamFile(PositionOutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return out;
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
