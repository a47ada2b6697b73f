package io.vpcflow.jobs.sink.kafka;

import static io.vpcflow.net.IpAddress.textOf;
import static io.vpcflow.text.Coded.codeOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.enrich.Alerts;
import io.vpcflow.enrich.FlowRow;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** An alert ({@link Alerts}) as a JSON event: what happened, on which interface and owner, with whom, and why it is surprising. */
public final class AlertJson implements SerializationSchema<FlowRow> {
    private static final long serialVersionUID = 1L;
    private transient ObjectMapper json;

    @Override
    public byte[] serialize(FlowRow r) {
        if (json == null) {
            json = new ObjectMapper();
        }
        ObjectNode o = json.createObjectNode();
        o.put("kind", Alerts.isUnexpected(r) ? r.verdict.code() : "rejected_to_exposed");
        o.put("start", r.start);
        o.put("end", r.end);
        o.put("verdict", codeOf(r.verdict));
        o.put("reason", codeOf(r.verdictReason));
        o.put("action", codeOf(r.action));
        o.put("accountId", r.accountId);
        o.put("interfaceId", r.interfaceId);
        o.put("ownerKind", codeOf(r.eniOwnerKind));
        o.put("ownerId", r.eniOwnerId);
        o.put("ownerName", r.eniOwnerName);
        o.put("publicIp", textOf(r.eniPublicIp));
        o.put("direction", codeOf(r.direction));
        o.put("peer", textOf(r.peerAddr));
        o.put("peerOwnerKind", codeOf(r.peerOwnerKind));
        o.put("peerOwnerId", r.peerOwnerId);
        o.put("srcaddr", textOf(r.srcaddr));
        o.put("dstaddr", textOf(r.dstaddr));
        o.put("srcport", r.srcport);
        o.put("dstport", r.dstport);
        o.put("protocol", r.protocol);
        o.put("packets", r.packets);
        o.put("bytes", r.bytes);
        o.put("sgId", r.sgId);
        o.put("sgRuleId", r.sgRuleId);
        o.put("source", r.source);
        o.put("lineNumber", r.lineNumber);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
