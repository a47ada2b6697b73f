package io.vpcflow.jobs.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** The identity-first dictionary writes exactly the pages parquet-java's own dictionary writes. */
class IdentityDictionaryWritersTest {
    @Test
    void pagesAndDictionaryAreParquetJavasWhateverTheBinariesAre() throws Exception {
        Random random = new Random(4);
        List<Binary> constant = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Far more texts than the cache has slots; each text twice, as two objects with the same bytes.
            byte[] text = ("eni-" + i).getBytes(StandardCharsets.UTF_8);
            constant.add(Binary.fromConstantByteArray(text));
            constant.add(Binary.fromConstantByteArray(text.clone()));
        }
        byte[] reused = new byte[8];
        Binary reusedBinary = Binary.fromReusedByteArray(reused);

        var ours = new IdentityDictionaryWriters.BinaryDictionary(1 << 20, Encoding.PLAIN_DICTIONARY,
                Encoding.PLAIN_DICTIONARY, HeapByteBufferAllocator.getInstance());
        var theirs = new DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter(1 << 20, Encoding.PLAIN_DICTIONARY,
                Encoding.PLAIN_DICTIONARY, HeapByteBufferAllocator.getInstance());
        for (int rowGroup = 0; rowGroup < 2; rowGroup++) {
            for (int page = 0; page < 3; page++) {
                for (int i = 0; i < 20_000; i++) {
                    Binary v;
                    if (random.nextInt(10) == 0) {
                        // The same object with new bytes: must not be known by its reference.
                        random.nextBytes(reused);
                        reused[0] = (byte) random.nextInt(4);
                        v = reusedBinary;
                    } else {
                        v = constant.get(random.nextInt(random.nextBoolean() ? 40 : constant.size()));
                    }
                    ours.writeBytes(v);
                    theirs.writeBytes(v);
                }
                assertThat(ours.getBytes().toByteArray()).isEqualTo(theirs.getBytes().toByteArray());
                ours.reset();
                theirs.reset();
            }
            assertThat(ours.getDictionarySize()).isEqualTo(theirs.getDictionarySize());
            assertThat(ours.toDictPageAndClose().getBytes().toByteArray())
                    .isEqualTo(theirs.toDictPageAndClose().getBytes().toByteArray());
            ours.resetDictionary();
            theirs.resetDictionary();
        }
    }
}
