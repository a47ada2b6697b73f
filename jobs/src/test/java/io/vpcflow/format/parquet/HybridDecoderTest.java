package io.vpcflow.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

/** Our page-at-once hybrid decoder, reading what parquet-java's encoder writes. */
class HybridDecoderTest {
    @Test
    void everyWidthAndMixOfRunsReadsBackTheValuesWrittenWhereverThePageEnds() throws Exception {
        Random random = new Random(7);
        for (int width = 0; width <= 32; width++) {
            for (int trial = 0; trial < 40; trial++) {
                int count = 1 + random.nextInt(trial < 10 ? 20 : 3000);
                int[] values = HybridEncoderTest.values(random, count, width);
                byte[] encoded = encode(values, width);
                // The runs flush to the array's very end (the last values are read byte by byte), and with bytes of
                // another column before and after them, which must not leak into the values.
                int[] out = new int[count];
                int after = HybridDecoder.decode(encoded, 0, encoded.length, width, out, count);
                assertThat(after).isEqualTo(width == 0 ? 0 : encoded.length); // width 0: nothing to read
                assertThat(out)
                        .as("width %d, %d values, exact page", width, count)
                        .containsExactly(values);

                byte[] framed = new byte[encoded.length + 19];
                Arrays.fill(framed, (byte) 0xFF);
                System.arraycopy(encoded, 0, framed, 7, encoded.length);
                int[] framedOut = new int[count];
                HybridDecoder.decode(framed, 7, 7 + encoded.length, width, framedOut, count);
                assertThat(framedOut)
                        .as("width %d, %d values, framed", width, count)
                        .containsExactly(values);
            }
        }
    }

    @Test
    void aPageCutShortIsAnErrorNotAnOverread() throws Exception {
        int[] values = HybridEncoderTest.values(new Random(3), 400, 13);
        byte[] encoded = encode(values, 13);
        assertThatThrownBy(() -> HybridDecoder.decode(encoded, 0, encoded.length / 2, 13, new int[400], 400))
                .isInstanceOf(ParquetDecodingException.class);
    }

    private static byte[] encode(int[] values, int width) throws Exception {
        try (RunLengthBitPackingHybridEncoder encoder =
                new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator())) {
            for (int v : values) {
                encoder.writeInt(v);
            }
            return encoder.toBytes().toByteArray();
        }
    }
}
