package io.vpcflow.jobs.parquet;

import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Writes rows straight to Parquet's record consumer through a list of columns: no intermediate records. */
final class RowWriteSupport<T> extends WriteSupport<T> {
    private final String table;
    private final List<Column<T>> columns;
    private RecordConsumer out;

    RowWriteSupport(String table, List<Column<T>> columns) {
        this.table = table;
        this.columns = columns;
    }

    MessageType schema() {
        return new MessageType(table, columns.stream().map(Column::parquetType).toArray(Type[]::new));
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema(), new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(T row) {
        out.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).write(row, i, out);
        }
        out.endMessage();
    }
}
