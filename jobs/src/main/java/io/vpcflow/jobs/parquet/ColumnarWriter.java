package io.vpcflow.jobs.parquet;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
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

/**
 * Writes rows to a Parquet file in batches of 1,024, column by column, each value straight into its
 * column's writer: no record consumer in between (which tracks fields and fills in nulls one call at a
 * time), no boxed numbers, each repeated string encoded once ({@link BinaryCache}). Encoding, dictionaries,
 * statistics, pages, row groups and the footer stay parquet-java's, as its own writer makes them.
 */
final class ColumnarWriter<T> implements BulkWriter<T> {
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
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private final Object[] batch = new Object[BATCH];
    private int batched;
    private long rows;
    private int rowGroups;

    ColumnarWriter(FSDataOutputStream out, MessageType schema, List<Column<T>> columns, long rowGroupBytes)
            throws IOException {
        this.rowGroupBytes = rowGroupBytes;
        // Size statistics (level histograms, unencoded sizes; new in Parquet 2.10) cost a call per value and
        // no engine users pick reads them yet; min/max statistics stay, engines prune with them.
        ParquetProperties.Builder settings = ParquetProperties.builder().withSizeStatisticsEnabled(false)
                .withValuesWriterFactory(new IdentityDictionaryWriters());
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
        int leaf = 0;
        for (int i = 0; i < columns.size(); i++) {
            firstLeaf[i] = leaf;
            texts[i] = columns.get(i).hasText() ? new BinaryCache(1024) : null;
            leaf += columns.get(i).leaves();
        }
        this.codecs = new CodecFactory(new org.apache.hadoop.conf.Configuration(false), props.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
        this.file = new ParquetFileWriter(new StreamFile(out), schema, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
        file.start();
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, schema, HeapByteBufferAllocator.getInstance(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled(), null, rowGroups);
        store = props.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> leaves = schema.getColumns();
        writers = new ColumnWriter[leaves.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = store.getColumnWriter(leaves.get(i));
        }
    }

    @Override
    public void addElement(T row) throws IOException {
        batch[batched++] = row;
        if (batched == batch.length) {
            writeBatch();
        }
    }

    /**
     * Writes the buffered rows column by column: one column writer's state (levels, dictionary, statistics)
     * stays in cache for a whole batch instead of every writer being touched for every row.
     */
    private void writeBatch() throws IOException {
        for (int i = 0; i < firstLeaf.length; i++) {
            Column<T> column = columns.get(i);
            int leaf = firstLeaf[i];
            BinaryCache columnTexts = texts[i];
            for (int r = 0; r < batched; r++) {
                @SuppressWarnings("unchecked")
                T row = (T) batch[r];
                column.write(row, writers, leaf, columnTexts);
            }
        }
        for (int r = 0; r < batched; r++) {
            store.endRecord();
        }
        rows += batched;
        Arrays.fill(batch, 0, batched, null);
        batched = 0;
        if (store.getBufferedSize() >= rowGroupBytes) {
            endRowGroup();
            startRowGroup();
        }
    }

    private void endRowGroup() throws IOException {
        if (rows > 0) {
            file.startBlock(rows);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
            rowGroups++;
            rows = 0;
        }
        store.close();
        pages.close();
    }

    @Override
    public void flush() {
        // A Parquet row group cannot be cut short and resumed: everything waits for finish().
    }

    @Override
    public void finish() throws IOException {
        try {
            writeBatch();
            endRowGroup();
            file.end(Map.of());
        } finally {
            codecs.release();
        }
    }

    /** Flink's stream as Parquet's output file. Parquet must not close it: Flink does when the part is done. */
    private static final class StreamFile implements OutputFile {
        private final FSDataOutputStream out;

        StreamFile(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() throws IOException {
                    return out.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
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
