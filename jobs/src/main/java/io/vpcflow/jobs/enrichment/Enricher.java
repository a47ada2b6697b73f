package io.vpcflow.jobs.enrichment;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.enrich.RowEnricher;
import io.vpcflow.jobs.Counters;
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
    private final long refreshSeconds;
    private transient LoadedInventory inventory;
    private transient long nextCheckMillis;
    private transient Counter reloads;
    private transient Counter reloadFailures;
    private transient Counter unattributed;
    private transient Map<Verdict, Counter> verdicts;
    private transient RowEnricher.FunctionNames functionNames;

    /**
     * @param inventoryDir   a snapshot folder or a series folder, read when the task starts
     * @param refreshSeconds how often to look for a changed inventory folder (new snapshots of a series, e.g.
     *                       from a scheduled {@code vpcflow inventory fetch --series}); 0: never
     */
    Enricher(String inventoryDir, long refreshSeconds) {
        this.inventoryDir = inventoryDir;
        this.refreshSeconds = refreshSeconds;
    }

    /** Whether {@link #enrich(FlowRow, Initiator, long)} needs the processing time (to look at the folder again). */
    boolean refreshes() {
        return refreshSeconds > 0;
    }

    /** An enricher whose inventory is given to it ({@link #use}): the broadcast one. */
    Enricher() {
        this(null, 0);
    }

    /** From now on, the inventory to attribute with. */
    void use(LoadedInventory inventory) {
        this.inventory = inventory;
    }

    void open(RuntimeContext context) {
        inventory = inventoryDir == null ? null : LoadedInventory.current(inventoryDir);
        functionNames = new RowEnricher.FunctionNames();
        unattributed = Counters.counter(context, "unattributed");
        reloads = Counters.counter(context, Counters.INVENTORY_RELOADS);
        reloadFailures = Counters.counter(context, Counters.INVENTORY_RELOAD_FAILURES);
        verdicts = Counters.verdicts(context);
    }

    /**
     * Enriches {@code row} in place and counts it.
     *
     * @param known     the connection's initiator from earlier windows, or UNKNOWN
     * @param nowMillis processing time, to know when to look at the inventory folder again
     * @return the initiator this record proves (a TCP window with SYN), to remember; else UNKNOWN
     */
    Initiator enrich(FlowRow row, Initiator known, long nowMillis) {
        if (refreshSeconds > 0 && nowMillis >= nextCheckMillis) {
            if (nextCheckMillis != 0) {
                refresh();
            }
            nextCheckMillis = nowMillis + refreshSeconds * 1000;
        }
        Initiator learnt = RowEnricher.enrich(row, inventory.timeline(), inventory.evaluator(), known, functionNames);
        if (row.eniOwnerKind == null) {
            unattributed.inc();
        }
        verdicts.get(row.verdict).inc();
        return learnt;
    }

    /** Reads the inventory again when its folder changed; a bad new inventory is counted and the old one kept. */
    private void refresh() {
        LoadedInventory now = LoadedInventory.currentOr(inventoryDir, inventory, reloadFailures::inc);
        if (now != inventory) {
            inventory = now;
            reloads.inc();
        }
    }
}
