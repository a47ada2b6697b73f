package io.vpcflow.jobs.types;

import io.vpcflow.net.IpAddress;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type for {@link IpAddress}, which lives in {@code common} and so cannot carry Flink's annotation:
 * rows keep their addresses as numbers across a shuffle and in state (a family byte, then 4 or 16 bytes),
 * not as text and not through Kryo.
 */
public final class IpAddressType extends OwnSerializerType<IpAddress> {
    private static final long serialVersionUID = 1L;
    public static final IpAddressType INSTANCE = new IpAddressType();

    static {
        TypeExtractor.registerFactory(IpAddress.class, Factory.class);
    }

    private IpAddressType() {
        super(IpAddress.class);
    }

    /**
     * Makes type extraction use this type for every {@link IpAddress} field, array and state: call before
     * any operator is built (the job's builder does).
     */
    public static void register() {
        // The static initializer did it; calling this makes sure it ran.
    }

    /** What {@link TypeExtractor} asks for the type. */
    public static final class Factory extends TypeInfoFactory<IpAddress> {
        @Override
        public TypeInformation<IpAddress> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    @Override
    public TypeSerializer<IpAddress> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    /** The family byte, then the IPv4 address's 4 bytes or the IPv6 address's 16. */
    public static final class Serializer extends TypeSerializerSingleton<IpAddress> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public IpAddress createInstance() {
            return IpAddress.ofV4(0);
        }

        @Override
        public IpAddress copy(IpAddress from) {
            return from;
        }

        @Override
        public IpAddress copy(IpAddress from, IpAddress reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(IpAddress a, DataOutputView out) throws IOException {
            a.writeTo(out);
        }

        @Override
        public IpAddress deserialize(DataInputView in) throws IOException {
            return IpAddress.readFrom(in.readByte(), in, null);
        }

        @Override
        public IpAddress deserialize(IpAddress reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            int family = in.readByte();
            out.writeByte(family);
            out.write(in, family == IpAddress.V4 ? 4 : 16);
        }

        @Override
        public TypeSerializerSnapshot<IpAddress> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer has no configuration: a restored job reads addresses as this version writes them. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IpAddress> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
