package io.vpcflow.jobs.parquet;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/** An output table: a name and its columns, and the Flink bulk writer that writes its rows as Parquet. */
public final class ParquetTable<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<Column<T>> columns;

    public ParquetTable(String name, List<Column<T>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    public String name() {
        return name;
    }

    public MessageType schema() {
        return new RowWriteSupport<>(name, columns).schema();
    }

    public BulkWriter.Factory<T> writerFactory() {
        String table = name;
        List<Column<T>> cols = columns;
        ParquetBuilder<T> builder = out -> new Builder<>(out, new RowWriteSupport<>(table, cols))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
        return new ParquetWriterFactory<>(builder);
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> writeSupport;

        Builder(OutputFile file, WriteSupport<T> writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return writeSupport;
        }
    }

}
