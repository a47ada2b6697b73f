package io.vpcflow.testing;

import io.vpcflow.format.parquet.ParquetTable;
import io.vpcflow.jobs.sink.ParquetWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/** Rows written to one Parquet file through a table's Flink bulk writer, as a sink would. */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** Writes {@code rows} to {@code file} (replacing it); returns the file's size. */
    public static <T> long write(ParquetTable<T> table, List<T> rows, Path file) throws IOException {
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem().create(p, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<T> writer = ParquetWriters.rows(table).create(out);
            for (T row : rows) {
                writer.addElement(row);
            }
            writer.finish();
            return out.getPos();
        }
    }
}
