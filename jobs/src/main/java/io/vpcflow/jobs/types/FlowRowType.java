package io.vpcflow.jobs.types;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowBinary;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type for {@link FlowRow}, which lives in {@code common} and so cannot carry Flink's annotation: a row
 * crosses a shuffle (TCP records, by connection; a broadcast job's records, to the judging task) and sits in state
 * as {@link FlowRowBinary} writes it: Flink's POJO serializer reads and writes each member by reflection and makes
 * a new String of every text it reads back.
 */
public final class FlowRowType extends OwnSerializerType<FlowRow> {
    private static final long serialVersionUID = 1L;
    public static final FlowRowType INSTANCE = new FlowRowType();

    static {
        TypeExtractor.registerFactory(FlowRow.class, Factory.class);
    }

    private FlowRowType() {
        super(FlowRow.class);
    }

    /**
     * Makes type extraction use this type for every {@link FlowRow} field, array and state: call before any
     * operator is built (the job's builder does).
     */
    public static void register() {
        // The static initializer did it; calling this makes sure it ran.
    }

    /** What {@link TypeExtractor} asks for the type. */
    public static final class Factory extends TypeInfoFactory<FlowRow> {
        @Override
        public TypeInformation<FlowRow> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    @Override
    public TypeSerializer<FlowRow> createSerializer(SerializerConfig config) {
        return new Serializer();
    }

    /** {@link FlowRowBinary}'s bytes. Keeps caches of what it read, so each task's copy is its own. */
    public static final class Serializer extends TypeSerializer<FlowRow> {
        private static final long serialVersionUID = 1L;
        private transient FlowRowBinary binary;

        private FlowRowBinary binary() {
            if (binary == null) {
                binary = new FlowRowBinary();
            }
            return binary;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<FlowRow> duplicate() {
            return new Serializer();
        }

        @Override
        public FlowRow createInstance() {
            return new FlowRow();
        }

        @Override
        public FlowRow copy(FlowRow from) {
            return from.copy();
        }

        @Override
        public FlowRow copy(FlowRow from, FlowRow reuse) {
            return from.copy();
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(FlowRow row, DataOutputView out) throws IOException {
            FlowRowBinary.write(row, out);
        }

        @Override
        public FlowRow deserialize(DataInputView in) throws IOException {
            return binary().read(in);
        }

        @Override
        public FlowRow deserialize(FlowRow reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Serializer;
        }

        @Override
        public int hashCode() {
            return Serializer.class.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<FlowRow> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /**
     * No configuration. State written before this type existed (Flink's POJO serializer) is read by the serializer
     * that wrote it and written again by this one.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<FlowRow> {
        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // nothing to write
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) {
            // nothing to read
        }

        @Override
        public TypeSerializer<FlowRow> restoreSerializer() {
            return new Serializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<FlowRow> resolveSchemaCompatibility(
                TypeSerializerSnapshot<FlowRow> old) {
            if (old instanceof Snapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (old instanceof PojoSerializerSnapshot<FlowRow>) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
