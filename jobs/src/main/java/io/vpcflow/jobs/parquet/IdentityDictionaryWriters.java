package io.vpcflow.jobs.parquet;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's value writers, except that a dictionary-encoded string column looks each value up by identity
 * first. parquet-java's dictionary hashes every value's bytes (a {@link Binary} does not keep its hash) and
 * compares them with the entry's: a quarter of the {@code flows} writer's time. {@link BinaryCache} hands over the
 * same Binary for the same text, so nearly every value is found by its reference; the rest take parquet-java's
 * path, and the file is the same as it writes it.
 */
final class IdentityDictionaryWriters implements ValuesWriterFactory {
    private final ValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
        this.props = properties;
        defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                || !props.isDictionaryEnabled(column) || props.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
            return defaults.newValuesWriter(column);
        }
        // As parquet-java's v1 factory builds it: PLAIN_DICTIONARY pages, plain values once the dictionary is too big.
        return FallbackValuesWriter.of(
                new BinaryDictionary(props.getDictionaryPageSizeThreshold(), Encoding.PLAIN_DICTIONARY,
                        Encoding.PLAIN_DICTIONARY, props.getAllocator()),
                new PlainValuesWriter(props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator()));
    }

    /** parquet-java's binary dictionary with a direct-mapped cache of the ids of recently written Binary objects. */
    static final class BinaryDictionary extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
        private static final int SLOTS = 1024;
        private final Binary[] keys = new Binary[SLOTS];
        private final int[] ids = new int[SLOTS];

        BinaryDictionary(int maxDictionaryByteSize, Encoding dataEncoding, Encoding dictionaryEncoding,
                         ByteBufferAllocator allocator) {
            super(maxDictionaryByteSize, dataEncoding, dictionaryEncoding, allocator);
        }

        @Override
        public void writeBytes(Binary v) {
            int slot = System.identityHashCode(v) & (SLOTS - 1);
            if (keys[slot] == v) {
                encodedValues.add(ids[slot]);
                return;
            }
            super.writeBytes(v);
            if (!v.isBackingBytesReused()) {
                // Only a Binary whose bytes never change may be known by its reference.
                keys[slot] = v;
                ids[slot] = binaryDictionaryContent.getInt(v);
            }
        }

        @Override
        protected void clearDictionaryContent() {
            super.clearDictionaryContent();
            java.util.Arrays.fill(keys, null);
        }
    }
}
