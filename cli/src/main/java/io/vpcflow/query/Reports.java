package io.vpcflow.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The questions users ask most, as named queries over a run's tables. */
public final class Reports {
    /** A named report: what it answers, the tables it needs, and its query. */
    public record Report(String name, String title, List<String> needs, String sql) {}

    public static final Map<String, Report> ALL = new LinkedHashMap<>();

    static {
        add(new Report("unexpected", "Unexpected accepts and rejects, with the reasons", List.of("flows"), """
                SELECT verdict, verdict_reason AS reason, interface_id, eni_owner_kind AS owner_kind,
                       coalesce(eni_owner_name, eni_owner_id) AS owner, direction, peer_addr, peer_owner_kind,
                       protocol, dstport AS dst_port,
                       count(*) AS flows, sum(coalesce(bytes, 0)) AS bytes,
                       min(to_timestamp("start")) AS first_seen, max(to_timestamp("end")) AS last_seen
                FROM flows WHERE verdict LIKE 'unexpected%'
                GROUP BY ALL ORDER BY flows DESC, interface_id, peer_addr LIMIT 100"""));
        add(new Report(
                "unused-rules",
                "Rules with no traffic, and rules far wider than their traffic",
                List.of("sg_rules", "flows"),
                """
                WITH rules AS (
                    SELECT sg_id, sg_rule_id, direction, protocol, from_port, to_port,
                           coalesce(cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id) AS target
                    FROM sg_rules WHERE sg_rule_id IS NOT NULL
                    QUALIFY snapshot_time = max(snapshot_time) OVER ()),
                used AS (
                    SELECT sg_rule_id, count(*) AS flows, count(DISTINCT peer_addr) AS peers,
                           string_agg(DISTINCT peer_addr, ' ' ORDER BY peer_addr) AS peer_list
                    FROM flows WHERE sg_rule_id IS NOT NULL GROUP BY 1)
                SELECT r.sg_id, r.sg_rule_id, r.direction, r.protocol, r.from_port, r.to_port, r.target,
                       coalesce(u.flows, 0) AS flows, coalesce(u.peers, 0) AS peers,
                       CASE WHEN u.flows IS NULL THEN 'no traffic'
                            ELSE 'open to everyone, used by ' || u.peers || ' address(es): ' || left(u.peer_list, 80)
                       END AS finding
                FROM rules r LEFT JOIN used u USING (sg_rule_id)
                WHERE u.flows IS NULL
                   OR (r.target IN ('0.0.0.0/0', '::/0') AND r.direction = 'ingress' AND u.peers <= 5)
                ORDER BY flows, r.sg_id, r.sg_rule_id"""));
        add(new Report("top-talkers", "Who talks to whom, by bytes", List.of("flows"), """
                SELECT coalesce(eni_owner_kind, 'unattributed') || ' ' || coalesce(eni_owner_name, eni_owner_id, interface_id) AS owner,
                       direction,
                       coalesce(peer_owner_kind, 'unknown') || ' ' || coalesce(peer_owner_id, peer_addr, '-') AS peer,
                       sum(coalesce(bytes, 0)) AS bytes, sum(coalesce(packets, 0)) AS packets, count(*) AS flows
                FROM flows WHERE log_status = 'OK' OR log_status IS NULL
                GROUP BY ALL ORDER BY bytes DESC, owner, peer LIMIT 25"""));
        add(new Report("owners", "Traffic per owner kind", List.of("flows"), """
                SELECT coalesce(eni_owner_kind, 'unattributed') AS owner_kind, count(DISTINCT interface_id) AS interfaces,
                       count(*) AS flows, sum(coalesce(bytes, 0)) AS bytes,
                       count(*) FILTER (WHERE verdict LIKE 'unexpected%') AS unexpected,
                       count(*) FILTER (WHERE verdict = 'blocked') AS blocked
                FROM flows GROUP BY 1 ORDER BY bytes DESC, owner_kind"""));
        add(new Report(
                "lambda",
                "Traffic per Lambda Hyperplane interface and the functions sharing it",
                List.of("flows"),
                """
                SELECT interface_id, array_to_string(lambda_functions, ', ') AS functions, direction,
                       coalesce(peer_owner_kind, 'unknown') AS peer_kind, count(*) AS flows,
                       sum(coalesce(bytes, 0)) AS bytes, count(DISTINCT peer_addr) AS peers
                FROM flows WHERE eni_owner_kind = 'lambda'
                GROUP BY ALL ORDER BY bytes DESC, interface_id"""));
    }

    private Reports() {}

    private static void add(Report r) {
        ALL.put(r.name(), r);
    }
}
