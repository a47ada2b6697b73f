package io.vpcflow.format.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** An output table: a name and its columns, and the writer of its rows as Parquet. */
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

    /** SNAPPY-compressed Parquet, written column by column, onto {@code out}. */
    public ColumnarWriter<T> writer(org.apache.parquet.io.PositionOutputStream out) throws IOException {
        return new ColumnarWriter<>(out, this, ColumnarWriter.ROW_GROUP_BYTES);
    }
}
