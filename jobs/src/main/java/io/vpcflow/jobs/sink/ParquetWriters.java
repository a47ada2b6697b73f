package io.vpcflow.jobs.sink;

import io.vpcflow.format.parquet.ColumnarWriter;
import io.vpcflow.format.parquet.ParquetTable;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/** A table's Parquet writer as Flink's bulk writer, for the file sink: one part file each. */
public final class ParquetWriters {
    private ParquetWriters() {}

    /** Rows one by one. */
    public static <T> BulkWriter.Factory<T> rows(ParquetTable<T> table) {
        return writer(table, ColumnarWriter::add);
    }

    /** Batches of rows, each written in its order. */
    public static <T> BulkWriter.Factory<T[]> batches(ParquetTable<T> table) {
        return writer(table, ColumnarWriter::addAll);
    }

    /** How an element (a row, a batch) goes into the table's writer; serializable, as the factory holding it is. */
    private interface Adding<T, E> extends Serializable {
        void add(ColumnarWriter<T> writer, E element) throws IOException;
    }

    private static <T, E> BulkWriter.Factory<E> writer(ParquetTable<T> table, Adding<T, E> adding) {
        return out -> {
            PositionOutputStream file = positioned(out);
            ColumnarWriter<T> w = table.writer(file);
            return new BulkWriter<>() {
                @Override
                public void addElement(E element) throws IOException {
                    adding.add(w, element);
                }

                @Override
                public void flush() {
                    w.flush();
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                    file.flush(); // the footer's last bytes, before Flink closes the part
                }
            };
        };
    }

    /**
     * Flink's part file as Parquet's stream, buffered: Parquet writes page headers and the footer a few bytes at a
     * time, and each write to a local part file is a system call. Closing it only flushes: Flink closes the part
     * when it is done.
     */
    private static PositionOutputStream positioned(FSDataOutputStream out) {
        return new Buffered(out);
    }

    private static final class Buffered extends PositionOutputStream {
        private final FSDataOutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private int count;

        Buffered(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos() + count;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > buffer.length - count) {
                drain();
                if (len >= buffer.length) {
                    out.write(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void drain() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
