package io.vpcflow.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.net.IpAddress;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows cross a shuffle and sit in state through their own serializer, in the lines' batches too. */
class FlowRowTypeTest {
    @BeforeAll
    static void register() {
        FlowRowType.register();
    }

    @Test
    void everyRowAndBatchOfRowsTakesTheRowsType() {
        assertThat(TypeInformation.of(FlowRow.class)).isSameAs(FlowRowType.INSTANCE);
        PojoTypeInfo<LineItem> item = (PojoTypeInfo<LineItem>) LineItem.type();
        assertThat(((ObjectArrayTypeInfo<?, ?>) item.getTypeAt(item.getFieldIndex("flows"))).getComponentInfo())
                .isSameAs(FlowRowType.INSTANCE);
    }

    @Test
    void aRowCrossesTheWireAndItsCopyOfBytesWhole() throws IOException {
        TypeSerializer<FlowRow> s = FlowRowType.INSTANCE.createSerializer(new SerializerConfigImpl());
        FlowRow r = new FlowRow();
        r.interfaceId = "eni-0a";
        r.srcaddr = IpAddress.parse("10.0.1.10");
        r.dstaddr = IpAddress.parse("2001:db8::1");
        r.peerAddr = r.srcaddr;
        r.bytes = 4_294_967_296L;
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(r, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        s.duplicate().copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

        FlowRow back = s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));

        assertThat(back.interfaceId).isEqualTo("eni-0a");
        assertThat(back.dstaddr).isEqualTo(r.dstaddr);
        assertThat(back.peerAddr).isSameAs(back.srcaddr);
        assertThat(back.bytes).isEqualTo(4_294_967_296L);
        assertThat(back.srcport).isEqualTo(-1);
        assertThat(s.duplicate()).isNotSameAs(s).isEqualTo(s);
    }

    @Test
    void stateFromTheRowsPojoSerializerIsMigratedNotRefused() throws IOException {
        TypeSerializerSnapshot<FlowRow> now = FlowRowType.INSTANCE
                .createSerializer(new SerializerConfigImpl())
                .snapshotConfiguration();
        // What a savepoint of an earlier version holds: Flink's POJO serializer's snapshot for the row.
        TypeSerializerSnapshot<FlowRow> pojo = Types.POJO(FlowRow.class, Map.of("lineNumber", Types.LONG))
                .createSerializer(new SerializerConfigImpl())
                .snapshotConfiguration();

        assertThat(now.resolveSchemaCompatibility(now).isCompatibleAsIs()).isTrue();
        assertThat(now.resolveSchemaCompatibility(pojo).isCompatibleAfterMigration())
                .isTrue();
        assertThat(now.restoreSerializer()).isInstanceOf(FlowRowType.Serializer.class);

        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, now);
        TypeSerializerSnapshot<FlowRow> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.resolveSchemaCompatibility(now).isCompatibleAsIs()).isTrue();
    }
}
