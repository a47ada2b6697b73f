package io.vpcflow.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.verdict.Verdict;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rows cross a shuffle and sit in state as POJOs whose addresses are numbers, never through Kryo. */
class IpAddressTypeTest {
    @BeforeAll
    static void register() {
        IpAddressType.register();
    }

    @Test
    void theRowsAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(FlowRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RuleUsagePartial.class);
        PojoTypeInfo<FlowRow> row = (PojoTypeInfo<FlowRow>) TypeInformation.of(FlowRow.class);
        assertThat(row.getTypeAt(row.getFieldIndex("srcaddr"))).isSameAs(IpAddressType.INSTANCE);
    }

    @Test
    void aRowKeepsItsTypedValuesAcrossTheWire() throws IOException {
        FlowRow r = new FlowRow();
        r.srcaddr = IpAddress.parse("10.0.1.10");
        r.dstaddr = IpAddress.parse("2001:db8::1");
        r.peerAddr = r.dstaddr;
        r.action = Action.REJECT;
        r.verdict = Verdict.UNEXPECTED_REJECT;
        r.eniOwnerKind = OwnerKind.LAMBDA;
        r.lambdaFunctions = new String[] {"orders", "refunds"};
        r.otherNames = new String[] {"sublocation-id", "ecs-cluster-name"};
        r.otherValues = new String[] {null, "prod"};
        r.otherNumbers = new long[] {7, 0};

        FlowRow back = roundTrip(TypeInformation.of(FlowRow.class), r);

        assertThat(back.srcaddr).isEqualTo(r.srcaddr).hasToString("10.0.1.10");
        assertThat(back.dstaddr).isEqualTo(r.dstaddr).hasToString("2001:db8::1");
        assertThat(back.pktSrcaddr).isNull();
        assertThat(back.action).isEqualTo(Action.REJECT);
        assertThat(back.verdict).isEqualTo(Verdict.UNEXPECTED_REJECT);
        assertThat(back.eniOwnerKind).isEqualTo(OwnerKind.LAMBDA);
        assertThat(back.lambdaFunctions).containsExactly("orders", "refunds");
        assertThat(back.otherNumber("sublocation-id")).isEqualTo(7);
        assertThat(back.other("ecs-cluster-name")).isEqualTo("prod");
    }

    @Test
    void everyAddressSurvivesTheSerializerAndItsCopyOfBytes() throws IOException {
        TypeSerializer<IpAddress> s = IpAddressType.Serializer.INSTANCE;
        for (String text : new String[] {
            "0.0.0.0",
            "255.255.255.255",
            "10.0.1.10",
            "::",
            "::1",
            "2001:db8::1",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        }) {
            IpAddress a = IpAddress.parse(text);
            DataOutputSerializer out = new DataOutputSerializer(32);
            s.serialize(a, out);
            DataOutputSerializer copied = new DataOutputSerializer(32);
            s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
            assertThat(copied.getCopyOfBuffer()).as(text).isEqualTo(out.getCopyOfBuffer());
            assertThat(s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())))
                    .as(text)
                    .isEqualTo(a);
        }
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> s = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
