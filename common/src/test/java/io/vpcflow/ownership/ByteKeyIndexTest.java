package io.vpcflow.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteKeyIndexTest {
    @Test
    void findsEveryIdByTextAndByBytesIncludingNonAsciiOnes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(String.format("eni-%017x", i * 7919L));
        }
        ids.add("eni-ünïcode");
        ByteKeyIndex index = new ByteKeyIndex(ids);
        for (int i = 0; i < ids.size(); i++) {
            byte[] b = (" " + ids.get(i) + " ").getBytes(StandardCharsets.UTF_8);
            assertThat(index.get(ids.get(i))).isEqualTo(i);
            assertThat(index.get(b, 1, b.length - 2)).isEqualTo(i);
        }
        assertThat(index.get("eni-unknown")).isEqualTo(-1);
        assertThat(index.get("eni-ünknown")).isEqualTo(-1);
        assertThat(index.get("")).isEqualTo(-1);
    }
}
