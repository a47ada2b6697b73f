package io.vpcflow.whatif;

import io.vpcflow.enrich.ConnectionInitiators;
import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;

/**
 * A record of a period attributed and judged by the rules that stood at its time, as the job judged it: connections'
 * initiators carried from their SYN windows to later ones. What a reader of past records does before asking anything
 * else of them. Not thread-safe.
 */
final class TodaysJudgement {
    private final OwnershipTimeline timeline;
    private final IntentEvaluator today;
    private final long from;
    private final long to;
    private final ConnectionInitiators initiators =
            new ConnectionInitiators(ConnectionInitiators.DEFAULT_TTL_SECONDS, 1 << 20);
    private final RowEnricher.FunctionNames functionNames = new RowEnricher.FunctionNames();
    private OwnershipTimeline.Attribution attribution;

    TodaysJudgement(OwnershipTimeline timeline, IntentEvaluator today, long from, long to) {
        this.timeline = timeline;
        this.today = today;
        this.from = from;
        this.to = to;
    }

    /**
     * Fills the row's enrichment. Returns the initiator known from the record's connection (to judge it again by
     * other rules), or null when the record is outside the period or was not judged (no interface, no rules).
     */
    Initiator judge(FlowRow row) {
        if (!inPeriod(row)) {
            return null;
        }
        Initiator known = initiators.known(row);
        attribution = RowEnricher.attribution(row, timeline);
        initiators.learnt(row, RowEnricher.enrich(row, attribution, timeline, today, known, functionNames));
        return row.verdict == null || row.verdict == Verdict.NOT_EVALUATED ? null : known;
    }

    /**
     * Whether {@link #judge} would judge the record, without judging it or learning from it: for a record whose
     * judgement cannot change, whose connection (on an interface of its own) no judged record shares.
     */
    boolean judges(FlowRow row) {
        return inPeriod(row) && today.judges(row, RowEnricher.attribution(row, timeline));
    }

    private boolean inPeriod(FlowRow row) {
        return row.start == -1 || (row.start >= from && row.start < to);
    }

    /** The interface the last record {@link #judge} judged was attributed to: to judge it by other rules. */
    OwnershipTimeline.Attribution attribution() {
        return attribution;
    }

    /** The direction a judged record's connection was opened in (the record's own when its initiator is unknown). */
    static Direction openedIn(FlowRow row) {
        return row.initiator == Initiator.REMOTE
                ? Direction.INGRESS
                : row.initiator == Initiator.LOCAL ? Direction.EGRESS : row.direction;
    }

    /**
     * The port of a judged record's connection's server, whichever side's record it is: the port the rule that
     * allows the connection was matched for.
     */
    static int servicePort(FlowRow row) {
        boolean ingressRecord = row.direction == Direction.INGRESS;
        boolean localServer = openedIn(row) == Direction.INGRESS;
        return localServer == ingressRecord ? row.dstport : row.srcport;
    }
}
