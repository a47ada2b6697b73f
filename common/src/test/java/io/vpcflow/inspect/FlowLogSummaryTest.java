package io.vpcflow.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.LogStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowLogSummaryTest {

    @Test
    void countsStatusesActionsTrafficTimeAndDeadLetters() {
        String text = String.join(
                "\n",
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
                "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 5 3000000000 1418530000 1418530090 REJECT OK",
                "2 1 eni-1 - - - - - - - 1418520000 1418530000 - NODATA",
                "2 1 eni-1 - - - - - - - 1418530000 1418540000 - SKIPDATA",
                "bad line",
                "2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 MAYBE OK");
        FlowLogSummary s = new FlowLogSummary();
        new FlowLogReader(null).read("f", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), s);
        assertThat(s.records()).isEqualTo(4);
        assertThat(s.byLogStatus())
                .containsEntry(LogStatus.OK, 2L)
                .containsEntry(LogStatus.NODATA, 1L)
                .containsEntry(LogStatus.SKIPDATA, 1L);
        assertThat(s.byAction()).containsEntry(Action.ACCEPT, 1L).containsEntry(Action.REJECT, 1L);
        assertThat(s.packets()).isEqualTo(25);
        assertThat(s.bytes()).isEqualTo(3_000_004_249L);
        assertThat(s.minStart()).isEqualTo(1418520000L);
        assertThat(s.maxEnd()).isEqualTo(1418540000L);
        assertThat(s.deadLetters()).isEqualTo(2);
        assertThat(s.byReason()).containsOnlyKeys(DeadLetterReason.WRONG_FIELD_COUNT, DeadLetterReason.BAD_VALUE);
        assertThat(s.examples()).extracting(DeadLetter::lineNumber).containsExactly(6L, 7L);
        assertThat(s.formats()).containsExactly(FlowLogFormat.DEFAULT);
    }
}
