package io.vpcflow.jobs.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** An output table: a name and its columns, and the Flink bulk writer that writes its rows as Parquet. */
public final class ParquetTable<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<Column<T>> columns;
    private final ColumnsReader<T> reader;

    public ParquetTable(String name, List<Column<T>> columns) {
        this(name, columns, null);
    }

    private ParquetTable(String name, List<Column<T>> columns, ColumnsReader<T> reader) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.reader = reader;
    }

    /** The same table, its writers reading the columns {@code reader} names through it instead of their getters. */
    public ParquetTable<T> withReader(ColumnsReader<T> reader) {
        return new ParquetTable<>(name, columns, reader);
    }

    public String name() {
        return name;
    }

    public MessageType schema() {
        return new MessageType(name, columns.stream().map(Column::parquetType).toArray(Type[]::new));
    }

    List<Column<T>> columns() {
        return columns;
    }

    ColumnsReader<T> reader() {
        return reader;
    }

    /** SNAPPY-compressed Parquet, written column by column ({@link ColumnarWriter}). */
    public BulkWriter.Factory<T> writerFactory() {
        ParquetTable<T> table = this; // the factory travels with the job: it holds only serializable parts
        return out -> new ColumnarWriter<>(out, table, ColumnarWriter.ROW_GROUP_BYTES);
    }

    /** The same writer for a stream of batches of rows, each written in its order. */
    public BulkWriter.Factory<T[]> batchWriterFactory() {
        ParquetTable<T> table = this;
        return out -> {
            ColumnarWriter<T> w = new ColumnarWriter<>(out, table, ColumnarWriter.ROW_GROUP_BYTES);
            return new BulkWriter<>() {
                @Override
                public void addElement(T[] rows) throws IOException {
                    w.addAll(rows);
                }

                @Override
                public void flush() throws IOException {
                    w.flush();
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                }
            };
        };
    }
}
