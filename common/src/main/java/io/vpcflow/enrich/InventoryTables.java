package io.vpcflow.enrich;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.EniClassifier;
import io.vpcflow.ownership.Owner;
import io.vpcflow.verdict.Direction;
import java.util.ArrayList;
import java.util.List;

/** The {@code enis} and {@code sg_rules} rows of the snapshots a job used, so queries can join them. */
public final class InventoryTables {
    private InventoryTables() {}

    public static List<EniRow> enis(List<InventorySnapshot> snapshots, long readAt) {
        List<EniRow> rows = new ArrayList<>();
        for (InventorySnapshot s : snapshots) {
            EniClassifier classifier = EniClassifier.of(s);
            long time = s.takenAt() == null ? readAt : s.takenAt().getEpochSecond();
            for (NetworkInterface n : s.interfaces()) {
                Owner o = classifier.classify(n);
                EniRow r = new EniRow();
                r.snapshotTime = time;
                r.interfaceId = n.id();
                r.accountId = n.ownerId();
                r.region = n.region();
                r.ownerKind = o.kind();
                r.ownerId = o.id();
                r.ownerName = o.name();
                r.lambdaFunctions = RowEnricher.FunctionNames.arrayOf(o);
                r.lambdaPartial = o.partial();
                r.vpcId = n.vpcId();
                r.subnetId = n.subnetId();
                r.availabilityZone = n.availabilityZone();
                r.privateAddresses = n.privateAddresses().toArray(IpAddress[]::new);
                r.publicIp = n.publicIp();
                r.securityGroups = n.securityGroupIds().toArray(String[]::new);
                r.interfaceType = n.interfaceType();
                r.description = n.description();
                rows.add(r);
            }
        }
        return rows;
    }

    public static List<SgRuleRow> sgRules(List<InventorySnapshot> snapshots, long readAt) {
        List<SgRuleRow> rows = new ArrayList<>();
        for (InventorySnapshot s : snapshots) {
            long time = s.takenAt() == null ? readAt : s.takenAt().getEpochSecond();
            for (SecurityGroup g : s.securityGroups()) {
                for (SecurityGroupRule rule : g.rules()) {
                    SgRuleRow r = new SgRuleRow();
                    r.snapshotTime = time;
                    r.sgId = g.id();
                    r.sgName = g.name();
                    r.vpcId = g.vpcId();
                    r.sgRuleId = rule.ruleId();
                    r.direction = rule.egress() ? Direction.EGRESS : Direction.INGRESS;
                    r.protocol = rule.protocol();
                    r.fromPort = rule.fromPort();
                    r.toPort = rule.toPort();
                    r.cidrIpv4 = rule.cidrIpv4();
                    r.cidrIpv6 = rule.cidrIpv6();
                    r.prefixListId = rule.prefixListId();
                    r.referencedGroupId = rule.referencedGroupId();
                    r.description = rule.description();
                    rows.add(r);
                }
            }
        }
        return rows;
    }
}
