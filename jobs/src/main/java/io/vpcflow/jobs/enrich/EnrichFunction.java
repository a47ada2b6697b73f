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
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Attributes each record to the owners of its interface and its peer at the record's time, and judges it
 * against security-group intent. The domain work is {@link OwnershipTimeline} and {@link IntentEvaluator};
 * this is the Flink wiring around them, with a counter for everything that moves.
 */
public final class EnrichFunction extends RichMapFunction<FlowRow, FlowRow> {
    private static final long serialVersionUID = 1L;

    private final String inventoryDir;
    private transient OwnershipTimeline timeline;
    private transient IntentEvaluator evaluator;
    private transient Counter unattributed;
    private transient Map<Verdict, Counter> verdicts;

    /** @param inventoryDir a snapshot folder or a series folder, read when the task starts */
    public EnrichFunction(String inventoryDir) {
        this.inventoryDir = inventoryDir;
    }

    @Override
    public void open(OpenContext context) {
        timeline = OwnershipTimeline.of(InventoryFiles.read(Paths.get(inventoryDir)));
        evaluator = new IntentEvaluator(timeline);
        unattributed = getRuntimeContext().getMetricGroup().counter("unattributed");
        verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, getRuntimeContext().getMetricGroup().counter("verdict_" + v.code()));
        }
    }

    @Override
    public FlowRow map(FlowRow row) {
        enrich(row, timeline, evaluator);
        if (row.eniOwnerKind == null) {
            unattributed.inc();
        }
        verdicts.get(Verdict.valueOf(row.verdict.toUpperCase(java.util.Locale.ROOT))).inc();
        return row;
    }

    /** Fills the enrichment fields of {@code row}; plain Java, tested without Flink. */
    static void enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator) {
        long t = row.start >= 0 ? row.start : row.end;
        OwnershipTimeline.Attribution a = row.interfaceId == null ? null : timeline.interfaceAt(row.interfaceId, t);
        if (a != null) {
            Owner o = a.owner();
            row.eniOwnerKind = o.kind().code();
            row.eniOwnerId = o.id();
            row.eniOwnerName = o.name();
            row.lambdaFunctions = o.functions().isEmpty() ? null : String.join(",", o.functions());
            if (row.vpcId == null) {
                row.vpcId = a.eni().vpcId();
            }
            if (row.subnetId == null) {
                row.subnetId = a.eni().subnetId();
            }
        }
        Flow flow = new Flow(row.interfaceId, address(row.srcaddr), address(row.dstaddr), address(row.pktSrcaddr),
                address(row.pktDstaddr), row.srcport, row.dstport, row.protocol,
                row.action == null ? null : Action.valueOf(row.action),
                row.logStatus == null ? null : LogStatus.valueOf(row.logStatus), row.tcpFlags, row.flowDirection,
                row.start, row.end);
        Judgement j = evaluator.judge(flow);
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
    }

    private static IpAddress address(String text) {
        return text == null ? null : IpAddress.parse(text);
    }
}
