package io.vpcflow.jobs.aws;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.Subnet;
import io.vpcflow.inventory.TransitGatewayAttachment;
import io.vpcflow.inventory.Vpc;
import io.vpcflow.inventory.VpcPeering;
import io.vpcflow.net.IpAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;

/**
 * Takes an inventory snapshot through the AWS SDK: the EC2 describe calls and Lambda ListFunctions,
 * every page of each. Retries (throttling, 5xx) are the SDK's, configured by {@link AwsClients}; a call
 * that still fails is named in the snapshot, which is then marked incomplete rather than passing for whole.
 */
public final class AwsInventoryFetcher {
    private final Ec2Client ec2;
    private final LambdaClient lambda;
    private final Clock clock;

    public AwsInventoryFetcher(Ec2Client ec2, LambdaClient lambda, Clock clock) {
        this.ec2 = ec2;
        this.lambda = lambda;
        this.clock = clock;
    }

    /** The failure of one call: its name and what the SDK said. */
    public record Failure(String call, String message) {}

    /** A snapshot and the calls that failed while taking it. */
    public record Result(InventorySnapshot snapshot, List<Failure> failures) {
        /** What each failed call said (the first failure of each), for the snapshot's marker. */
        public Map<String, String> errors() {
            Map<String, String> m = new LinkedHashMap<>();
            failures.forEach(f -> m.putIfAbsent(f.call(), f.message()));
            return m;
        }
    }

    public Result fetch() {
        List<Failure> failures = new ArrayList<>();
        var taken = clock.instant();
        List<NetworkInterface> enis = call("DescribeNetworkInterfaces", failures, this::interfaces);
        List<SecurityGroupRule> rules = call("DescribeSecurityGroupRules", failures, this::securityGroupRules);
        List<SecurityGroup> groups = call("DescribeSecurityGroups", failures, () -> securityGroups(rules));
        List<NetworkAcl> acls = call("DescribeNetworkAcls", failures, this::networkAcls);
        List<Subnet> subnets = call("DescribeSubnets", failures, this::subnets);
        List<Vpc> vpcs = call("DescribeVpcs", failures, this::vpcs);
        List<PrefixList> prefixLists = call("DescribeManagedPrefixLists", failures, () -> prefixLists(failures));
        List<LambdaFunction> functions = call("ListFunctions", failures, this::functions);
        List<VpcPeering> peerings = call("DescribeVpcPeeringConnections", failures, this::peerings);
        List<TransitGatewayAttachment> attachments =
                call("DescribeTransitGatewayVpcAttachments", failures, this::transitGatewayAttachments);
        InventorySnapshot s = new InventorySnapshot(
                taken,
                failures.isEmpty(),
                failures.stream().map(Failure::call).distinct().toList(),
                enis,
                groups,
                acls,
                subnets,
                vpcs,
                prefixLists,
                functions,
                peerings,
                attachments);
        return new Result(s, List.copyOf(failures));
    }

    private static <T> List<T> call(String name, List<Failure> failures, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            failures.add(new Failure(name, AwsClients.describe(e)));
            return List.of();
        }
    }

    private List<NetworkInterface> interfaces() {
        List<NetworkInterface> out = new ArrayList<>();
        // Since 2026 EC2 may hide interfaces of managed resources unless asked: vpcflow needs them all.
        ec2.describeNetworkInterfacesPaginator(r -> r.includeManagedResources(true))
                .networkInterfaces()
                .forEach(n -> {
                    List<IpAddress> v4 = new ArrayList<>();
                    n.privateIpAddresses().forEach(p -> {
                        if (p.privateIpAddress() != null) {
                            IpAddress a = IpAddress.parse(p.privateIpAddress());
                            if (Boolean.TRUE.equals(p.primary())) {
                                v4.add(0, a);
                            } else {
                                v4.add(a);
                            }
                        }
                    });
                    if (n.privateIpAddress() != null && !v4.contains(IpAddress.parse(n.privateIpAddress()))) {
                        v4.add(0, IpAddress.parse(n.privateIpAddress()));
                    }
                    List<IpAddress> v6 = n.ipv6Addresses().stream()
                            .filter(a -> a.ipv6Address() != null)
                            .map(a -> IpAddress.parse(a.ipv6Address()))
                            .toList();
                    String publicIp =
                            n.association() == null ? null : n.association().publicIp();
                    out.add(new NetworkInterface(
                            n.networkInterfaceId(),
                            n.interfaceTypeAsString(),
                            n.description(),
                            n.requesterId(),
                            Boolean.TRUE.equals(n.requesterManaged()),
                            n.ownerId(),
                            n.attachment() == null ? null : n.attachment().instanceId(),
                            n.attachment() == null ? null : n.attachment().instanceOwnerId(),
                            n.subnetId(),
                            n.vpcId(),
                            n.availabilityZone(),
                            n.groups().stream().map(g -> g.groupId()).toList(),
                            v4,
                            v6,
                            publicIp == null ? null : IpAddress.parse(publicIp),
                            tags(n.tagSet()),
                            n.statusAsString(),
                            n.operator() == null ? null : n.operator().principal()));
                });
        return out;
    }

    private List<SecurityGroupRule> securityGroupRules() {
        List<SecurityGroupRule> out = new ArrayList<>();
        ec2.describeSecurityGroupRulesPaginator(r -> {})
                .securityGroupRules()
                .forEach(r -> out.add(new SecurityGroupRule(
                        r.securityGroupRuleId(),
                        r.groupId(),
                        Boolean.TRUE.equals(r.isEgress()),
                        r.ipProtocol(),
                        r.fromPort() == null ? -1 : r.fromPort(),
                        r.toPort() == null ? -1 : r.toPort(),
                        r.cidrIpv4(),
                        r.cidrIpv6(),
                        r.prefixListId(),
                        r.referencedGroupInfo() == null
                                ? null
                                : r.referencedGroupInfo().groupId(),
                        r.description())));
        return out;
    }

    private List<SecurityGroup> securityGroups(List<SecurityGroupRule> rules) {
        Map<String, List<SecurityGroupRule>> byGroup = new HashMap<>();
        rules.forEach(r ->
                byGroup.computeIfAbsent(r.groupId(), g -> new ArrayList<>()).add(r));
        List<SecurityGroup> out = new ArrayList<>();
        ec2.describeSecurityGroupsPaginator(r -> {}).securityGroups().forEach(g -> {
            List<SecurityGroupRule> groupRules = byGroup.get(g.groupId());
            if (groupRules == null) {
                // DescribeSecurityGroupRules failed or missed the group: fall back to the permissions, without rule
                // ids.
                groupRules = new ArrayList<>();
                permissions(groupRules, g.groupId(), false, g.ipPermissions());
                permissions(groupRules, g.groupId(), true, g.ipPermissionsEgress());
            }
            out.add(new SecurityGroup(
                    g.groupId(), g.groupName(), g.description(), g.vpcId(), g.ownerId(), groupRules, tags(g.tags())));
        });
        return out;
    }

    private static void permissions(
            List<SecurityGroupRule> out, String groupId, boolean egress, List<IpPermission> ps) {
        for (IpPermission p : ps) {
            int from = p.fromPort() == null ? -1 : p.fromPort();
            int to = p.toPort() == null ? -1 : p.toPort();
            p.ipRanges()
                    .forEach(r -> out.add(new SecurityGroupRule(
                            null,
                            groupId,
                            egress,
                            p.ipProtocol(),
                            from,
                            to,
                            r.cidrIp(),
                            null,
                            null,
                            null,
                            r.description())));
            p.ipv6Ranges()
                    .forEach(r -> out.add(new SecurityGroupRule(
                            null,
                            groupId,
                            egress,
                            p.ipProtocol(),
                            from,
                            to,
                            null,
                            r.cidrIpv6(),
                            null,
                            null,
                            r.description())));
            p.prefixListIds()
                    .forEach(r -> out.add(new SecurityGroupRule(
                            null,
                            groupId,
                            egress,
                            p.ipProtocol(),
                            from,
                            to,
                            null,
                            null,
                            r.prefixListId(),
                            null,
                            r.description())));
            p.userIdGroupPairs()
                    .forEach(r -> out.add(new SecurityGroupRule(
                            null,
                            groupId,
                            egress,
                            p.ipProtocol(),
                            from,
                            to,
                            null,
                            null,
                            null,
                            r.groupId(),
                            r.description())));
        }
    }

    private List<NetworkAcl> networkAcls() {
        List<NetworkAcl> out = new ArrayList<>();
        ec2.describeNetworkAclsPaginator(r -> {}).networkAcls().forEach(a -> {
            List<NetworkAclEntry> entries = a.entries().stream()
                    .map(e -> new NetworkAclEntry(
                            e.ruleNumber() == null ? 0 : e.ruleNumber(),
                            Boolean.TRUE.equals(e.egress()),
                            e.protocol(),
                            "allow".equalsIgnoreCase(e.ruleActionAsString()),
                            e.cidrBlock(),
                            e.ipv6CidrBlock(),
                            e.portRange() == null || e.portRange().from() == null
                                    ? -1
                                    : e.portRange().from(),
                            e.portRange() == null || e.portRange().to() == null
                                    ? -1
                                    : e.portRange().to(),
                            e.icmpTypeCode() == null || e.icmpTypeCode().type() == null
                                    ? -1
                                    : e.icmpTypeCode().type(),
                            e.icmpTypeCode() == null || e.icmpTypeCode().code() == null
                                    ? -1
                                    : e.icmpTypeCode().code()))
                    .toList();
            out.add(new NetworkAcl(
                    a.networkAclId(),
                    a.vpcId(),
                    Boolean.TRUE.equals(a.isDefault()),
                    entries,
                    a.associations().stream().map(x -> x.subnetId()).toList()));
        });
        return out;
    }

    private List<Subnet> subnets() {
        List<Subnet> out = new ArrayList<>();
        ec2.describeSubnetsPaginator(r -> {})
                .subnets()
                .forEach(s -> out.add(new Subnet(
                        s.subnetId(),
                        s.vpcId(),
                        s.cidrBlock(),
                        s.ipv6CidrBlockAssociationSet().stream()
                                .map(b -> b.ipv6CidrBlock())
                                .toList(),
                        s.availabilityZone(),
                        s.availabilityZoneId(),
                        s.ownerId(),
                        tags(s.tags()))));
        return out;
    }

    private List<Vpc> vpcs() {
        List<Vpc> out = new ArrayList<>();
        ec2.describeVpcsPaginator(r -> {}).vpcs().forEach(v -> {
            List<String> v4 = new ArrayList<>(
                    v.cidrBlockAssociationSet().stream().map(b -> b.cidrBlock()).toList());
            if (v4.isEmpty() && v.cidrBlock() != null) {
                v4.add(v.cidrBlock());
            }
            out.add(new Vpc(
                    v.vpcId(),
                    v4,
                    v.ipv6CidrBlockAssociationSet().stream()
                            .map(b -> b.ipv6CidrBlock())
                            .toList(),
                    v.ownerId(),
                    Boolean.TRUE.equals(v.isDefault()),
                    tags(v.tags())));
        });
        return out;
    }

    private List<PrefixList> prefixLists(List<Failure> failures) {
        List<PrefixList> out = new ArrayList<>();
        ec2.describeManagedPrefixListsPaginator(r -> {}).prefixLists().forEach(p -> {
            List<String> cidrs = call("GetManagedPrefixListEntries", failures, () -> {
                List<String> c = new ArrayList<>();
                ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(p.prefixListId()))
                        .entries()
                        .forEach(e -> c.add(e.cidr()));
                return c;
            });
            out.add(new PrefixList(p.prefixListId(), p.prefixListName(), p.addressFamily(), cidrs));
        });
        return out;
    }

    private List<VpcPeering> peerings() {
        List<VpcPeering> out = new ArrayList<>();
        ec2.describeVpcPeeringConnectionsPaginator(r -> {})
                .vpcPeeringConnections()
                .forEach(p -> out.add(new VpcPeering(
                        p.vpcPeeringConnectionId(),
                        p.requesterVpcInfo() == null
                                ? null
                                : p.requesterVpcInfo().vpcId(),
                        p.accepterVpcInfo() == null ? null : p.accepterVpcInfo().vpcId(),
                        p.status() == null ? null : p.status().codeAsString())));
        return out;
    }

    private List<TransitGatewayAttachment> transitGatewayAttachments() {
        List<TransitGatewayAttachment> out = new ArrayList<>();
        ec2.describeTransitGatewayVpcAttachmentsPaginator(r -> {})
                .transitGatewayVpcAttachments()
                .forEach(a -> out.add(new TransitGatewayAttachment(
                        a.transitGatewayAttachmentId(), a.transitGatewayId(), a.vpcId(), a.stateAsString())));
        return out;
    }

    private List<LambdaFunction> functions() {
        List<LambdaFunction> out = new ArrayList<>();
        lambda.listFunctionsPaginator(r -> r.functionVersion(FunctionVersion.ALL))
                .functions()
                .forEach(f -> out.add(function(f)));
        return out;
    }

    private static LambdaFunction function(FunctionConfiguration f) {
        var vpc = f.vpcConfig();
        return new LambdaFunction(
                f.functionName(),
                f.functionArn(),
                f.version() == null ? "$LATEST" : f.version(),
                vpc == null ? null : vpc.vpcId(),
                vpc == null ? List.of() : vpc.subnetIds(),
                vpc == null ? List.of() : vpc.securityGroupIds());
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        tags.forEach(t -> {
            if (t.key() != null) {
                m.put(t.key(), t.value() == null ? "" : t.value());
            }
        });
        return m;
    }
}
