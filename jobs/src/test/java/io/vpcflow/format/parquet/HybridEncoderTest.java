package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;

/** Our page-at-once hybrid encoder, read back by parquet-java's decoder. */
class HybridEncoderTest {
    private final HybridEncoder encoder = new HybridEncoder();

    @Test
    void everyWidthAndMixOfRunsDecodesToTheSameValues() throws Exception {
        Random random = new Random(5);
        for (int width = 0; width <= 32; width++) {
            for (int trial = 0; trial < 40; trial++) {
                int count = 1 + random.nextInt(trial < 10 ? 20 : 3000);
                int[] values = values(random, count, width);
                assertThat(decode(values, count, width))
                        .as("width %d, %d values", width, count)
                        .containsExactly(values);
            }
        }
    }

    /** Runs of every length, from 1 to past a group of 8, among random values of {@code width} bits. */
    static int[] values(Random random, int count, int width) {
        int[] values = new int[count];
        int i = 0;
        while (i < count) {
            int run = random.nextInt(4) == 0 ? 1 + random.nextInt(30) : 1;
            int v = width == 0 ? 0 : (int) (random.nextLong() & ((1L << width) - 1));
            for (int k = 0; k < run && i < count; k++) {
                values[i++] = v;
            }
        }
        return values;
    }

    @Test
    void aConstantPageIsOneRun() throws Exception {
        int[] values = new int[20_000];
        java.util.Arrays.fill(values, 3);
        encoder.encode(values, values.length, 2);
        assertThat(encoder.size()).as("header varint and one byte").isEqualTo(3 + 1);
        assertThat(decode(values, values.length, 2)).containsExactly(values);
    }

    @Test
    void theBufferIsReusedWithoutLeftovers() throws Exception {
        int[] many = new Random(1).ints(5000, 0, 1 << 12).toArray();
        decode(many, many.length, 12);
        int[] few = {1, 0, 1, 1, 0};
        assertThat(decode(few, few.length, 1)).containsExactly(few);
    }

    private int[] decode(int[] values, int count, int width) throws Exception {
        encoder.encode(values, count, width);
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(
                width, new ByteArrayInputStream(encoder.bytes(), 0, encoder.size()));
        int[] decoded = new int[count];
        for (int i = 0; i < count; i++) {
            decoded[i] = decoder.readInt();
        }
        return decoded;
    }
}
