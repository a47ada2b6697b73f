package io.vpcflow.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.verdict.Verdict;

/** What an alert is: a domain rule, here once, for every sink that raises alerts. */
public final class Alerts {
    private Alerts() {}

    /** Unexpected verdicts, and rejected traffic to an interface the internet can reach. */
    public static boolean isAlert(FlowRow r) {
        return isUnexpected(r) || r.action == Action.REJECT && r.eniPublicIp != null;
    }

    /** Whether the verdict is one of the unexpected ones: rules and outcome disagree. */
    public static boolean isUnexpected(FlowRow r) {
        return r.verdict == Verdict.UNEXPECTED_ACCEPT || r.verdict == Verdict.UNEXPECTED_REJECT;
    }
}
