package io.vpcflow.jobs.aggregate;

import io.vpcflow.stats.RuleUsagePartial;
import io.vpcflow.stats.RuleUsageSums;

/** Partial {@code rule_usage} rows per window and matched rule, with their distinct peers, summed before the shuffle. */
public final class RuleUsageCombiner extends Combiner<RuleUsagePartial> {
    private static final long serialVersionUID = 1L;

    public RuleUsageCombiner(long windowSeconds) {
        super(new RuleUsageSums(windowSeconds), MAX_PENDING);
    }
}
