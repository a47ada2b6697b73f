package io.vpcflow.jobs.enrich;

import java.util.HashSet;

/** Partial {@code rule_usage} rows per window and matched rule, with their distinct peers, summed before the shuffle. */
public final class RuleUsageCombiner extends Combiner<RuleUsagePartial> {
    private static final long serialVersionUID = 1L;

    public RuleUsageCombiner(long windowSeconds) {
        super(new Sums(windowSeconds), MAX_PENDING);
    }

    record Key(String sgId, String sgRuleId, String direction) {
    }

    /** The sums themselves, for the combiner and for a source reader that sums records itself. */
    static final class Sums extends PartialSums<Key, RuleUsagePartial> {
        private static final long serialVersionUID = 1L;

        Sums(long windowSeconds) {
            super(windowSeconds);
        }

        @Override
        protected Key keyOf(FlowRow r) {
            // A record counts toward a rule when a rule of a group matched it.
            return r.sgId == null ? null : new Key(r.sgId, r.sgRuleId, r.direction);
        }

        @Override
        protected RuleUsagePartial create(FlowRow r, long windowStart) {
            RuleUsagePartial p = new RuleUsagePartial();
            p.windowStart = windowStart;
            p.sgId = r.sgId;
            p.sgRuleId = r.sgRuleId;
            p.direction = r.direction;
            return p;
        }

        @Override
        protected void add(RuleUsagePartial p, FlowRow r) {
            p.flows++;
            p.packets += Math.max(r.packets, 0);
            p.bytes += Math.max(r.bytes, 0);
            // The peer's text, or its parsed address for a row made without texts; text is made at the end.
            Object peer = r.peerAddr != null ? r.peerAddr : r.peerIp;
            if (peer != null) {
                if (p.seen == null) {
                    p.seen = new HashSet<>();
                }
                p.seen.add(peer);
            }
        }

        @Override
        protected void finish(RuleUsagePartial p) {
            p.peers = new String[p.seen == null ? 0 : p.seen.size()];
            if (p.seen != null) {
                int i = 0;
                for (Object peer : p.seen) {
                    p.peers[i++] = peer.toString();
                }
            }
            p.seen = null;
        }
    }
}
