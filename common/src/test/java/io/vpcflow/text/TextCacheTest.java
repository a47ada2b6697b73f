package io.vpcflow.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCacheTest {
    @Test
    void aRepeatedTextIsTheSameStringAndEveryTextIsDecodedRight() {
        TextCache cache = new TextCache(8);
        byte[] line = "x eni-0a1b2c3d4e5f67890 y".getBytes(StandardCharsets.UTF_8);
        String first = cache.get(line, 2, 21);
        assertThat(first).isEqualTo("eni-0a1b2c3d4e5f67890");
        byte[] again = "eni-0a1b2c3d4e5f67890".getBytes(StandardCharsets.UTF_8);
        assertThat(cache.get(again, 0, again.length)).isSameAs(first);
    }

    @Test
    void collisionsReplaceButNeverConfuseTexts() {
        // Far more texts than slots, seeded: whatever was replaced, every answer is the text asked for.
        TextCache cache = new TextCache(4);
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            String text = "v" + random.nextInt(50) + (random.nextBoolean() ? "é" : "");
            byte[] b = ("  " + text + " ").getBytes(StandardCharsets.UTF_8);
            assertThat(cache.get(b, 2, b.length - 3)).isEqualTo(text);
        }
    }

    @Test
    void longTextsAreDecodedWithoutCaching() {
        TextCache cache = new TextCache(4);
        byte[] b = "a".repeat(65).getBytes(StandardCharsets.UTF_8);
        String one = cache.get(b, 0, b.length);
        assertThat(one).isEqualTo("a".repeat(65));
        assertThat(cache.get(b, 0, b.length)).isNotSameAs(one);
    }
}
