package io.vpcflow.jobs.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.InventoryFiles;
import io.vpcflow.inventory.Owner;
import io.vpcflow.inventory.OwnershipTimeline;
import io.vpcflow.inventory.PeerClassifier;
import io.vpcflow.net.IpAddress;
import io.vpcflow.sg.Flow;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.Judgement;
import io.vpcflow.sg.Verdict;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import io.vpcflow.sg.Initiator;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Attributes each record to the owners of its interface and its peer at the record's time, and judges it
 * against security-group intent. The domain work is {@link OwnershipTimeline} and {@link IntentEvaluator};
 * this is the Flink wiring around them, with a counter for everything that moves.
 *
 * <p>Keyed by connection ({@link #connectionKey}): the initiator learnt from a window with a SYN is kept
 * in state, with a time-to-live, so the later windows of a long connection (no SYN, often ports that
 * mislead) are judged in the right direction instead of looking unexpected.
 */
public final class EnrichFunction extends KeyedProcessFunction<String, FlowRow, FlowRow> {
    private static final long serialVersionUID = 1L;
    private static final byte LOCAL = 1;
    private static final byte REMOTE = 2;

    private final String inventoryDir;
    private final long initiatorTtlSeconds;
    private final long refreshSeconds;
    private transient String fingerprint;
    private transient long nextCheckMillis;
    private transient Counter reloads;
    private transient Counter reloadFailures;
    private transient ValueState<Byte> initiator;
    private transient OwnershipTimeline timeline;
    private transient IntentEvaluator evaluator;
    private transient Counter unattributed;
    /** Keyed by the verdict code the row carries, so counting needs no parse or allocation per record. */
    private transient Map<String, Counter> verdicts;

    /**
     * @param inventoryDir        a snapshot folder or a series folder, read when the task starts
     * @param initiatorTtlSeconds how long a connection's initiator is remembered after it was last seen
     * @param refreshSeconds      how often to look for a changed inventory folder (new snapshots of a
     *                            series, e.g. from a scheduled {@code vpcflow inventory fetch --series}); 0: never
     */
    public EnrichFunction(String inventoryDir, long initiatorTtlSeconds, long refreshSeconds) {
        this.inventoryDir = inventoryDir;
        this.initiatorTtlSeconds = initiatorTtlSeconds;
        this.refreshSeconds = refreshSeconds;
    }

    /**
     * The connection a record belongs to on its interface: protocol and the two endpoints in a fixed
     * order, so both directions of a connection share one key.
     */
    public static String connectionKey(FlowRow r) {
        String a = r.srcaddr + ":" + r.srcport;
        String b = r.dstaddr + ":" + r.dstport;
        return r.interfaceId + "|" + r.protocol + "|" + (a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Byte> d = new ValueStateDescriptor<>("initiator", Byte.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(initiatorTtlSeconds))
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build());
        initiator = getRuntimeContext().getState(d);
        load();
        unattributed = Counters.counter(getRuntimeContext(), "unattributed");
        reloads = Counters.counter(getRuntimeContext(), "inventoryReloads");
        reloadFailures = Counters.counter(getRuntimeContext(), "inventoryReloadFailures");
        verdicts = new HashMap<>();
        for (Verdict v : Verdict.values()) {
            verdicts.put(v.code(), Counters.counter(getRuntimeContext(), "verdict_" + v.code()));
        }
    }

    private void load() {
        fingerprint = InventoryFiles.fingerprint(Paths.get(inventoryDir));
        OwnershipTimeline t = OwnershipTimeline.of(InventoryFiles.read(Paths.get(inventoryDir)));
        IntentEvaluator e = new IntentEvaluator(t);
        timeline = t;
        evaluator = e;
    }

    /** Reads the inventory again when its folder changed; a bad new inventory is counted and the old one kept. */
    private void refresh(long nowMillis) {
        nextCheckMillis = nowMillis + refreshSeconds * 1000;
        try {
            if (!InventoryFiles.fingerprint(Paths.get(inventoryDir)).equals(fingerprint)) {
                load();
                reloads.inc();
            }
        } catch (RuntimeException e) {
            // A snapshot half written or malformed must not stop the job; the next check tries again.
            reloadFailures.inc();
        }
    }

    @Override
    public void processElement(FlowRow row, Context ctx, Collector<FlowRow> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (refreshSeconds > 0 && now >= nextCheckMillis) {
            if (nextCheckMillis == 0) {
                nextCheckMillis = now + refreshSeconds * 1000;
            } else {
                refresh(now);
            }
        }
        // Only records with tcp-flags can teach or use a connection's initiator: for the rest (formats without
        // tcp-flags, other protocols) state is never touched, which keeps its cost off the common default format.
        boolean stateful = row.protocol == 6 && row.tcpFlags >= 0;
        Byte stored = stateful ? initiator.value() : null;
        Initiator known = stored == null ? Initiator.UNKNOWN : stored == LOCAL ? Initiator.LOCAL : Initiator.REMOTE;
        Initiator learnt = enrich(row, timeline, evaluator, known);
        if (stateful && learnt != Initiator.UNKNOWN) {
            initiator.update(learnt == Initiator.LOCAL ? LOCAL : REMOTE);
        }
        if (row.eniOwnerKind == null) {
            unattributed.inc();
        }
        verdicts.get(row.verdict).inc();
        out.collect(row);
    }

    /**
     * Fills the enrichment fields of {@code row}; plain Java, tested without Flink.
     *
     * @param known the connection's initiator from earlier windows, or UNKNOWN
     * @return the initiator this record proves (a TCP window with SYN), to remember; else UNKNOWN
     */
    static Initiator enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known) {
        long t = row.start >= 0 ? row.start : row.end;
        OwnershipTimeline.Attribution a = row.interfaceId == null ? null : timeline.interfaceAt(row.interfaceId, t);
        if (a != null) {
            Owner o = a.owner();
            row.eniOwnerKind = o.kind().code();
            row.eniOwnerId = o.id();
            row.eniOwnerName = o.name();
            row.lambdaFunctions = o.functions().isEmpty() ? null : String.join(",", o.functions());
            row.eniVpcId = a.eni().vpcId();
            row.eniSubnetId = a.eni().subnetId();
            row.eniPublicIp = a.eni().publicIp() == null ? null : a.eni().publicIp().toString();
        }
        Flow flow = new Flow(row.interfaceId, address(row.srcaddr), address(row.dstaddr), address(row.pktSrcaddr),
                address(row.pktDstaddr), row.srcport, row.dstport, row.protocol,
                row.action == null ? null : Action.valueOf(row.action),
                row.logStatus == null ? null : LogStatus.valueOf(row.logStatus), row.tcpFlags, row.flowDirection,
                row.start, row.end);
        Judgement j = evaluator.judge(flow, known);
        row.direction = j.direction() == null ? null : j.direction().code();
        row.initiator = j.initiator().code();
        row.verdict = j.verdict().code();
        row.verdictReason = j.reason() == null ? null : j.reason().code();
        row.sgId = j.sgId();
        row.sgRuleId = j.sgRuleId();
        if (j.remote() != null) {
            row.peerAddr = j.remote().toString();
            String service = j.direction() == io.vpcflow.sg.Direction.INGRESS ? row.pktSrcAwsService : row.pktDstAwsService;
            Owner peer = PeerClassifier.classify(timeline, j.remote(), service, t);
            row.peerOwnerKind = peer.kind().code();
            row.peerOwnerId = peer.id();
        }
        boolean syn = row.protocol == 6 && row.tcpFlags >= 0 && (row.tcpFlags & 2) != 0;
        return syn ? j.initiator() : Initiator.UNKNOWN;
    }

    private static IpAddress address(String text) {
        return text == null ? null : IpAddress.parse(text);
    }
}
