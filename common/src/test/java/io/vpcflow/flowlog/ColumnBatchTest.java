package io.vpcflow.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A page's run of values set in one loop ({@link ColumnBatch#setNumbers}, {@link ColumnBatch#setPrepared}) must give
 * every row what setting its value alone gives it: nulls absent, the values after a null in their rows, a bad value
 * its row's dead letter.
 */
class ColumnBatchTest {
    private static final FlowLogFormat FORMAT = FlowLogFormat.parse("account-id srcport packets action");
    private static final int ACCOUNT = 0;
    private static final int SRCPORT = 1;
    private static final int PACKETS = 2;
    private static final int ACTION = 3;

    @Test
    void aRunOfNumbersSkipsItsNullsAndJudgesEachValue() {
        ColumnBatch batch = new ColumnBatch(FORMAT, 8);
        batch.begin(6);
        // Entries 2..7 of a page: levels 1 hold a value, 0 is a null. Values 1..5 of the page are these entries'.
        int[] defs = {9, 9, 1, 0, 1, 1, 0, 1};
        long[] values = {-7, 443, 80, 3_000_000_000L, 22, 99};
        int next = batch.setNumbers(SRCPORT, 0, 6, defs, 2, 1, values, null, 1);

        assertThat(next).as("the value after the last taken").isEqualTo(5);
        assertThat(batch.numberOr(SRCPORT, 0, -1)).isEqualTo(443);
        assertThat(batch.numberOr(SRCPORT, 1, -1)).as("a null").isEqualTo(-1);
        assertThat(batch.numberOr(SRCPORT, 2, -1)).isEqualTo(80);
        assertThat(batch.failure(3)).as("too large for a port").isEqualTo(DeadLetterReason.BAD_NUMBER);
        assertThat(batch.numberOr(SRCPORT, 4, -1)).isEqualTo(-1);
        assertThat(batch.numberOr(SRCPORT, 5, -1)).isEqualTo(22);
        assertThat(new boolean[] {
                    batch.failure(0) == null,
                    batch.failure(1) == null,
                    batch.failure(2) == null,
                    batch.failure(4) == null,
                    batch.failure(5) == null
                })
                .containsOnly(true);
    }

    @Test
    void aRunOfNumbersIsTheSameAsEachNumberSetAlone() {
        int[] defs = {1, 1, 0, 1, 1, 1, 0, 0, 1};
        long[] dictionary = {5, -1, 1L << 40, 12};
        int[] ids = {0, 3, 2, 1, 0, 3};
        ColumnBatch run = new ColumnBatch(FORMAT, 16);
        ColumnBatch alone = new ColumnBatch(FORMAT, 16);
        run.begin(9);
        alone.begin(9);

        int next = run.setNumbers(PACKETS, 0, 9, defs, 0, 1, dictionary, ids, 0);
        int v = 0;
        for (int r = 0; r < 9; r++) {
            if (defs[r] == 1) {
                alone.setNumber(PACKETS, r, dictionary[ids[v++]]);
            }
        }

        assertThat(next).isEqualTo(v);
        MutableFlowRecord a = new MutableFlowRecord();
        MutableFlowRecord b = new MutableFlowRecord();
        for (int r = 0; r < 9; r++) {
            assertThat(run.failure(r)).as("row %d", r).isEqualTo(alone.failure(r));
            assertThat(run.raw(r)).as("row %d", r).isEqualTo(alone.raw(r));
            assertThat(run.numberOr(PACKETS, r, -2)).as("row %d", r).isEqualTo(alone.numberOr(PACKETS, r, -2));
            if (run.failure(r) == null) {
                run.fill(r, a);
                alone.fill(r, b);
                assertThat(a.has(FlowField.PACKETS)).isEqualTo(b.has(FlowField.PACKETS));
            }
        }
        assertThat(run.failure(4)).as("a negative count").isEqualTo(DeadLetterReason.BAD_NUMBER);
    }

    @Test
    void numbersWhereTextIsExpectedBecomeTheirDecimalText() {
        ColumnBatch batch = new ColumnBatch(FORMAT, 4);
        batch.begin(2);
        batch.setNumbers(ACCOUNT, 0, 2, new int[] {1, 1}, 0, 1, new long[] {123456789012L, 42}, null, 0);

        assertThat(batch.raw(0)).startsWith("123456789012 ");
        assertThat(batch.raw(1)).startsWith("42 ");
        assertThat(batch.failure(0)).isNull();
    }

    @Test
    void aRunOfDictionaryEntriesCarriesEachEntrysJudgement() {
        ColumnBatch batch = new ColumnBatch(FORMAT, 8);
        batch.startRowGroup();
        int accept = prepare(batch, ACTION, "ACCEPT");
        int dash = prepare(batch, ACTION, "-");
        int bad = prepare(batch, ACTION, "MAYBE");
        int[] handles = {accept, dash, bad};
        batch.begin(5);

        int next = batch.setPrepared(ACTION, 0, 5, new int[] {1, 0, 1, 1, 1}, 0, 1, handles, new int[] {0, 1, 2, 0}, 0);

        assertThat(next).isEqualTo(4);
        assertThat(batch.failure(0)).isNull();
        assertThat(batch.numberOr(ACTION, 0, -1)).isEqualTo(Action.ACCEPT.ordinal());
        assertThat(batch.numberOr(ACTION, 1, -1)).as("a null").isEqualTo(-1);
        assertThat(batch.numberOr(ACTION, 2, -1)).as("the text -").isEqualTo(-1);
        assertThat(batch.failure(2)).isNull();
        assertThat(batch.failure(3)).as("no action of a flow log").isEqualTo(DeadLetterReason.BAD_VALUE);
        assertThat(batch.raw(3)).endsWith(" MAYBE");
        assertThat(batch.numberOr(ACTION, 4, -1)).isEqualTo(Action.ACCEPT.ordinal());
        assertThat(batch.failure(4)).isNull();
    }

    private static int prepare(ColumnBatch batch, int p, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return batch.prepare(p, b, 0, b.length);
    }
}
