package io.vpcflow.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.net.IpAddress;
import io.vpcflow.stats.RuleUsagePartial;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Addresses cross a shuffle and sit in state as numbers, never through Kryo. */
class IpAddressTypeTest {
    @BeforeAll
    static void register() {
        IpAddressType.register();
    }

    @Test
    void thePartialSumsAreSerializedAsPojosWithAddressesAsNumbers() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RuleUsagePartial.class);
        PojoTypeInfo<RuleUsagePartial> p = (PojoTypeInfo<RuleUsagePartial>) TypeInformation.of(RuleUsagePartial.class);
        assertThat(((ObjectArrayTypeInfo<?, ?>) p.getTypeAt(p.getFieldIndex("peers"))).getComponentInfo())
                .isSameAs(IpAddressType.INSTANCE);
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
}
