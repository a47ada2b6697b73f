package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.jobs.Counters;
import io.vpcflow.jobs.TallyAccumulator;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * Attributes a record to the owners of its interface and its peer at the record's time and judges it
 * against security-group intent, with a counter for everything that moves. The domain work is
 * {@link OwnershipTimeline} and {@link IntentEvaluator}; this is what both enrichment operators
 * ({@link EnrichFunction}, {@link ConnectionEnrichFunction}) share around them.
 */
final class Enricher implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String inventoryDir;
    private transient LoadedInventory inventory;
    private transient Counter unattributed;
    private transient Map<Verdict, Counter> verdicts;
    private transient RowEnricher.FunctionNames functionNames;
    private transient TallyAccumulator.Part tally;

    /** @param inventoryDir a local inventory root, read when the task starts (a bounded job's) */
    Enricher(String inventoryDir) {
        this.inventoryDir = inventoryDir;
    }

    /** An enricher whose inventory is given to it ({@link #use}): the broadcast one. */
    Enricher() {
        this(null);
    }

    /** From now on, the inventory to attribute with. */
    void use(LoadedInventory inventory) {
        this.inventory = inventory;
    }

    void open(RuntimeContext context) {
        inventory = inventoryDir == null ? null : LoadedInventory.current(inventoryDir);
        functionNames = new RowEnricher.FunctionNames();
        unattributed = Counters.counter(context, "unattributed");
        verdicts = Counters.verdicts(context);
        tally = TallyAccumulator.part(context);
    }

    /** Hands this task's counts to the job result. */
    void close() {
        if (tally != null) {
            tally.publish();
        }
    }

    /**
     * Enriches {@code row} in place and counts it.
     *
     * @param known the connection's initiator from earlier windows, or UNKNOWN
     * @return the initiator this record proves (a TCP window with SYN), to remember; else UNKNOWN
     */
    Initiator enrich(FlowRow row, Initiator known) {
        Initiator learnt = RowEnricher.enrich(row, inventory.timeline(), inventory.evaluator(), known, functionNames);
        if (row.eniOwnerKind == null) {
            unattributed.inc();
        }
        verdicts.get(row.verdict).inc();
        tally.tally().add(row);
        return learnt;
    }
}
