package io.vpcflow.jobs;

import io.vpcflow.verdict.Verdict;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;

/**
 * A counter that is both a Flink metric (for dashboards while the job runs) and an accumulator (so the
 * final totals come back with the job result, where the replay summary and the tests read them).
 */
public final class Counters {
    private Counters() {}

    /** A changed inventory folder read anew, by an enrichment operator or a reader that sums. */
    public static final String INVENTORY_RELOADS = "inventoryReloads";

    /** A changed inventory folder that could not be read: the last good inventory stayed in force. */
    public static final String INVENTORY_RELOAD_FAILURES = "inventoryReloadFailures";

    /** A record that waited for the inventory: the first one to arrive, or a snapshot of its own time. */
    public static final String INVENTORY_HELD = "inventoryHeldRecords";

    /** A counter per verdict, {@code verdict_<code>}, by the verdict a row carries. */
    public static Map<Verdict, Counter> verdicts(RuntimeContext context) {
        Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, counter(context, "verdict_" + v.code()));
        }
        return verdicts;
    }

    public static Counter counter(RuntimeContext context, String name) {
        LongCounter total = context.getLongCounter(name);
        Counter metric = context.getMetricGroup().counter(name, new SimpleCounter());
        return new Counter() {
            @Override
            public void inc() {
                metric.inc();
                total.add(1);
            }

            @Override
            public void inc(long n) {
                metric.inc(n);
                total.add(n);
            }

            @Override
            public void dec() {
                metric.dec();
                total.add(-1);
            }

            @Override
            public void dec(long n) {
                metric.dec(n);
                total.add(-n);
            }

            @Override
            public long getCount() {
                return metric.getCount();
            }
        };
    }
}
