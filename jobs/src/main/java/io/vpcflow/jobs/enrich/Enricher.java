package io.vpcflow.jobs.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.Owner;
import io.vpcflow.inventory.OwnerKind;
import io.vpcflow.inventory.OwnershipTimeline;
import io.vpcflow.inventory.PeerClassifier;
import io.vpcflow.net.IpAddress;
import io.vpcflow.sg.Direction;
import io.vpcflow.sg.Flow;
import io.vpcflow.sg.Initiator;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.Judgement;
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
    /** Keyed by the verdict code the row carries, so counting needs no parse or allocation per record. */
    private transient Map<String, Counter> verdicts;
    private transient FunctionNames functionNames;

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

    void open(RuntimeContext context) {
        inventory = LoadedInventory.current(inventoryDir);
        functionNames = new FunctionNames();
        unattributed = Counters.counter(context, "unattributed");
        reloads = Counters.counter(context, "inventoryReloads");
        reloadFailures = Counters.counter(context, "inventoryReloadFailures");
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
        Initiator learnt = enrich(row, inventory.timeline(), inventory.evaluator(), known, functionNames);
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

    /** Fills the enrichment fields of {@code row}; plain Java, tested without Flink. */
    static Initiator enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known) {
        return enrich(row, timeline, evaluator, known, new FunctionNames());
    }

    /**
     * The text of a Lambda owner's functions, remembered for the last owner seen: an interface's owner is one
     * object for as long as the inventory holds, so a run of its records joins the names once, not per record.
     */
    static final class FunctionNames {
        private Owner last;
        private String text;

        String of(Owner o) {
            if (o != last) {
                last = o;
                text = o.functions().isEmpty() ? null : String.join(",", o.functions());
            }
            return text;
        }
    }

    static Initiator enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known,
                            FunctionNames functionNames) {
        long t = row.start >= 0 ? row.start : row.end;
        OwnershipTimeline.Attribution a = row.interfaceId == null ? null : timeline.interfaceAt(row.interfaceId, t);
        if (a != null) {
            Owner o = a.owner();
            row.eniOwnerKind = o.kind().code();
            row.eniOwnerId = o.id();
            row.eniOwnerName = o.name();
            row.lambdaFunctions = functionNames.of(o);
            row.eniVpcId = a.eni().vpcId();
            row.eniSubnetId = a.eni().subnetId();
            row.eniPublicIp = a.eni().publicIp() == null ? null : a.eni().publicIp().toString();
        }
        Flow flow = new Flow(row.interfaceId, address(row.srcIp, row.srcaddr), address(row.dstIp, row.dstaddr),
                address(row.pktSrcIp, row.pktSrcaddr), address(row.pktDstIp, row.pktDstaddr), row.srcport, row.dstport,
                row.protocol, action(row.action), logStatus(row.logStatus), row.tcpFlags, row.flowDirection, row.start,
                row.end);
        Judgement j = evaluator.judge(flow, known, a);
        row.direction = j.direction() == null ? null : j.direction().code();
        row.initiator = j.initiator().code();
        row.verdict = j.verdict().code();
        row.verdictReason = j.reason() == null ? null : j.reason().code();
        row.sgId = j.sgId();
        row.sgRuleId = j.sgRuleId();
        if (j.remote() != null) {
            row.peerIp = j.remote();
            // Null when the row has no address texts (a reader summing it needs none).
            row.peerAddr = textOf(j.remote(), flow, row);
            String service = j.direction() == Direction.INGRESS ? row.pktSrcAwsService : row.pktDstAwsService;
            OwnershipTimeline.Attribution held = timeline.addressAt(j.remote(), t);
            if (held != null) {
                row.peerOwnerKind = held.owner().kind().code();
                row.peerOwnerId = held.owner().id();
            } else {
                // As PeerClassifier.classify, without an Owner per record: most peers are not in the inventory.
                OwnerKind kind = PeerClassifier.unownedKind(j.remote(), service);
                row.peerOwnerKind = kind.code();
                row.peerOwnerId = kind == OwnerKind.AWS_SERVICE ? service : kind == OwnerKind.INTERNET ? row.peerAddr : null;
            }
        }
        boolean syn = row.protocol == 6 && row.tcpFlags >= 0 && (row.tcpFlags & 2) != 0;
        return syn ? j.initiator() : Initiator.UNKNOWN;
    }

    private static IpAddress address(IpAddress parsed, String text) {
        return parsed != null ? parsed : text == null ? null : IpAddress.parse(text);
    }

    /** The remote address's text: the record's own when it is one of its addresses (it is), so none is made. */
    private static String textOf(IpAddress remote, Flow flow, FlowRow row) {
        return remote == flow.srcaddr() ? row.srcaddr : remote == flow.dstaddr() ? row.dstaddr
                : remote == flow.pktSrcaddr() ? row.pktSrcaddr : remote == flow.pktDstaddr() ? row.pktDstaddr
                : remote.toString();
    }

    private static Action action(String name) {
        return name == null ? null : name.equals("ACCEPT") ? Action.ACCEPT : name.equals("REJECT") ? Action.REJECT
                : Action.valueOf(name);
    }

    private static LogStatus logStatus(String name) {
        return name == null ? null : name.equals("OK") ? LogStatus.OK : LogStatus.valueOf(name);
    }
}
