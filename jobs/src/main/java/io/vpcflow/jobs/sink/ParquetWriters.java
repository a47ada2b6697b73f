package io.vpcflow.jobs.sink;

import io.vpcflow.format.parquet.ColumnarWriter;
import io.vpcflow.format.parquet.ParquetTable;
import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/** A table's Parquet writer as Flink's bulk writer, for the file sink: one part file each. */
public final class ParquetWriters {
    private ParquetWriters() {}

    /** Rows one by one. */
    public static <T> BulkWriter.Factory<T> rows(ParquetTable<T> table) {
        return out -> {
            ColumnarWriter<T> w = table.writer(positioned(out));
            return new BulkWriter<>() {
                @Override
                public void addElement(T row) throws IOException {
                    w.add(row);
                }

                @Override
                public void flush() {
                    w.flush();
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                }
            };
        };
    }

    /** Batches of rows, each written in its order. */
    public static <T> BulkWriter.Factory<T[]> batches(ParquetTable<T> table) {
        return out -> {
            ColumnarWriter<T> w = table.writer(positioned(out));
            return new BulkWriter<>() {
                @Override
                public void addElement(T[] rows) throws IOException {
                    w.addAll(rows);
                }

                @Override
                public void flush() {
                    w.flush();
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                }
            };
        };
    }

    /** Flink's part file as Parquet's stream; closing it only flushes: Flink closes the part when it is done. */
    private static PositionOutputStream positioned(FSDataOutputStream out) {
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
}
