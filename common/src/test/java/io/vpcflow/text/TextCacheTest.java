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
    void twoTextsOfOneSetBothStayAndAThirdReplacesTheOlder() {
        TextCache cache = new TextCache(64);
        String[] set = textsOfOneSet(3, 63);
        byte[][] bytes = new byte[3][];
        for (int i = 0; i < 3; i++) {
            bytes[i] = set[i].getBytes(StandardCharsets.UTF_8);
        }
        String a = cache.get(bytes[0], 0, bytes[0].length);
        String b = cache.get(bytes[1], 0, bytes[1].length);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(bytes[0], 0, bytes[0].length)).isSameAs(a);
            assertThat(cache.get(bytes[1], 0, bytes[1].length)).isSameAs(b);
        }
        String c = cache.get(bytes[2], 0, bytes[2].length);
        assertThat(cache.get(bytes[2], 0, bytes[2].length)).isSameAs(c);
        assertThat(cache.get(bytes[1], 0, bytes[1].length)).isSameAs(b);
        assertThat(cache.get(bytes[0], 0, bytes[0].length)).isEqualTo(set[0]).isNotSameAs(a);
    }

    /** Interface ids that fall in one set of two slots of a cache with {@code mask + 1} slots. */
    private static String[] textsOfOneSet(int n, int mask) {
        String[] found = new String[n];
        int k = 0;
        int set = -1;
        for (int i = 0; k < n; i++) {
            String id = String.format("eni-0a1b2c3d4e5f6%04x", i);
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            int s = TextCache.hash(b, 0, b.length) & mask & ~1;
            if (set < 0) {
                set = s;
            }
            if (s == set) {
                found[k++] = id;
            }
        }
        return found;
    }

    @Test
    void interfaceIdsThatDifferInTheirLastCharactersSpreadLikeRandomTexts() {
        // 200 ids of one estate in 2,048 sets: random texts would put three in one set about once in three
        // estates, and leave about ten pairs; half of SplitMix64's finalizer, the hash's mix before, put three of
        // these in one set.
        int[] perSet = new int[2048];
        for (int i = 0; i < 200; i++) {
            byte[] b = String.format("eni-0a1b2c3d4e5f6%04x", 0x100 + i).getBytes(StandardCharsets.UTF_8);
            perSet[(TextCache.hash(b, 0, b.length) & 4095) >>> 1]++;
        }
        int pairs = 0;
        for (int n : perSet) {
            assertThat(n).isLessThan(3);
            pairs += n == 2 ? 1 : 0;
        }
        assertThat(pairs).isLessThan(16);
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
