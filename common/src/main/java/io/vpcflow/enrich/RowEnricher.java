package io.vpcflow.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.Owner;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.ownership.PeerClassifier;
import io.vpcflow.sg.Direction;
import io.vpcflow.sg.Flow;
import io.vpcflow.sg.Initiator;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.sg.Judgement;

/**
 * The attribution and judgement of one row: who owned its interface and its peer at the record's ownership time
 * (the start of its capture), and what security-group intent says of it. Plain Java, shared by the job's
 * enrichment operators and by readers that sum records themselves.
 */
public final class RowEnricher {
    private RowEnricher() {
    }

    /** Whether a record can teach or use a connection's initiator (TCP with tcp-flags), and so needs connection state. */
    public static boolean needsConnectionState(FlowRow r) {
        return r.protocol == 6 && r.tcpFlags >= 0;
    }

    /** Fills the enrichment fields of {@code row}; plain Java, tested without Flink. */
    public static Initiator enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known) {
        return enrich(row, timeline, evaluator, known, new FunctionNames());
    }

    /**
     * The text of a Lambda owner's functions, remembered for the last owner seen: an interface's owner is one
     * object for as long as the inventory holds, so a run of its records joins the names once, not per record.
     */
    public static final class FunctionNames {
        private Owner last;
        private String text;

        public String of(Owner o) {
            if (o != last) {
                last = o;
                text = o.functions().isEmpty() ? null : String.join(",", o.functions());
            }
            return text;
        }
    }

    public static Initiator enrich(FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known,
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
        boolean syn = needsConnectionState(row) && (row.tcpFlags & 2) != 0;
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
