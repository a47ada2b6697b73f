package io.vpcflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KafkaBenchTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aPublishedLineCarriesItsSequenceNumberInItsBytesFieldAndNothingElseChanges() {
        String line = "2 123456789012 eni-0a1 10.0.1.5 10.0.2.9 443 49152 6 10 8400 1795694400 1795694460 ACCEPT OK";
        assertThat(new String(KafkaBench.withBytes(ascii(line), 7), StandardCharsets.US_ASCII))
                .isEqualTo("2 123456789012 eni-0a1 10.0.1.5 10.0.2.9 443 49152 6 10 7 1795694400 1795694460 ACCEPT OK");
        assertThat(new String(KafkaBench.withBytes(ascii(line), 123_456_789L), StandardCharsets.US_ASCII))
                .contains(" 10 123456789 1795694400 ");
        // A line too short to have a bytes field is published as it is (and dead-lettered by the job).
        assertThat(KafkaBench.withBytes(ascii("2 123 eni-x"), 7)).isEqualTo(ascii("2 123 eni-x"));
    }

    @Test
    void percentilesAreTheNearestRankOfTheSortedLatencies() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (i + 1) * 10_000_000L;
        }
        assertThat(KafkaBench.percentile(ns, 0.50)).isEqualTo(0.50);
        assertThat(KafkaBench.percentile(ns, 0.99)).isEqualTo(0.99);
        assertThat(KafkaBench.percentile(new long[0], 0.5)).isNaN();
    }
}
