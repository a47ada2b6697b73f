package io.vpcflow.enrich;

import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.Owner;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.ownership.PeerClassifier;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Judgement;

/**
 * The attribution and judgement of one row: who owned its interface and its peer at the record's ownership time
 * (the start of its capture), and what security-group intent says of it. Plain Java, shared by the job's
 * enrichment operators and by readers that sum records themselves.
 */
public final class RowEnricher {
    private RowEnricher() {}

    /** Whether a record can teach or use a connection's initiator (TCP with tcp-flags), and so needs connection state. */
    public static boolean needsConnectionState(FlowRow r) {
        return r.isTcpWithFlags();
    }

    /** Fills the enrichment fields of {@code row}; plain Java, tested without Flink. */
    public static Initiator enrich(
            FlowRow row, OwnershipTimeline timeline, IntentEvaluator evaluator, Initiator known) {
        return enrich(row, timeline, evaluator, known, new FunctionNames());
    }

    /**
     * A Lambda owner's functions as the row's array, remembered for the last owner seen: an interface's owner is
     * one object for as long as the inventory holds, so a run of its records shares one array, made once.
     */
    public static final class FunctionNames {
        private Owner last;
        private String[] names;

        public String[] of(Owner o) {
            if (o != last) {
                last = o;
                names = arrayOf(o);
            }
            return names;
        }

        /** The owner's functions as an array, or null when it has none (not a Lambda interface). */
        static String[] arrayOf(Owner o) {
            return o.functions().isEmpty() ? null : o.functions().toArray(String[]::new);
        }
    }

    public static Initiator enrich(
            FlowRow row,
            OwnershipTimeline timeline,
            IntentEvaluator evaluator,
            Initiator known,
            FunctionNames functionNames) {
        return enrich(row, attribution(row, timeline), timeline, evaluator, known, functionNames);
    }

    /** The record's interface at its ownership time, or null: what {@link #enrich} attributes it by. */
    public static OwnershipTimeline.Attribution attribution(FlowRow row, OwnershipTimeline timeline) {
        return row.interfaceId == null ? null : timeline.interfaceAt(row.interfaceId, row.ownershipTime());
    }

    /** As {@link #enrich(FlowRow, OwnershipTimeline, IntentEvaluator, Initiator, FunctionNames)}, attributed by {@code a}. */
    public static Initiator enrich(
            FlowRow row,
            OwnershipTimeline.Attribution a,
            OwnershipTimeline timeline,
            IntentEvaluator evaluator,
            Initiator known,
            FunctionNames functionNames) {
        long t = row.ownershipTime();
        if (a != null) {
            Owner o = a.owner();
            row.eniOwnerKind = o.kind();
            row.eniOwnerId = o.id();
            row.eniOwnerName = o.name();
            row.lambdaFunctions = functionNames.of(o);
            row.eniVpcId = a.eni().vpcId();
            row.eniSubnetId = a.eni().subnetId();
            row.eniPublicIp = a.eni().publicIp();
        }
        Judgement j = evaluator.judge(row, known, a);
        row.direction = j.direction();
        row.initiator = j.initiator();
        row.verdict = j.verdict();
        row.verdictReason = j.reason();
        row.sgId = j.sgId();
        row.sgRuleId = j.sgRuleId();
        IpAddress remote = j.remote();
        if (remote != null) {
            row.peerAddr = remote;
            String service = j.direction() == Direction.INGRESS ? row.pktSrcAwsService : row.pktDstAwsService;
            // The peer is looked for in the VPC the record was seen from (a judged record has its interface):
            // private addresses repeat across VPCs.
            OwnershipTimeline.Attribution held = timeline.addressAt(a.vpc(), remote, t);
            if (held != null) {
                row.peerOwnerKind = held.owner().kind();
                row.peerOwnerId = held.owner().id();
            } else {
                // As PeerClassifier.classify, without an Owner per record: most peers are not in the inventory.
                OwnerKind kind = PeerClassifier.unownedKind(remote, service);
                row.peerOwnerKind = kind;
                row.peerOwnerId =
                        kind == OwnerKind.AWS_SERVICE ? service : kind == OwnerKind.INTERNET ? remote.toString() : null;
            }
        }
        return row.hasSyn() ? j.initiator() : Initiator.UNKNOWN;
    }
}
