package io.vpcflow.inventory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an account looked like at one time: interfaces, security groups and their rules, network ACLs,
 * subnets, VPCs, prefix lists, Lambda functions, and the peering connections and transit gateway attachments
 * that join VPCs.
 *
 * <p>A snapshot whose collection failed in part says so ({@link #complete()}, {@link #failedCalls()})
 * rather than passing for the whole picture.
 *
 * @param takenAt when it was taken; null when unknown (a lone folder of AWS CLI output)
 */
public record InventorySnapshot(
        Instant takenAt,
        boolean complete,
        List<String> failedCalls,
        List<NetworkInterface> interfaces,
        List<SecurityGroup> securityGroups,
        List<NetworkAcl> networkAcls,
        List<Subnet> subnets,
        List<Vpc> vpcs,
        List<PrefixList> prefixLists,
        List<LambdaFunction> functions,
        List<VpcPeering> peerings,
        List<TransitGatewayAttachment> transitGatewayAttachments) {
    public InventorySnapshot {
        peerings = List.copyOf(peerings);
        transitGatewayAttachments = List.copyOf(transitGatewayAttachments);
        failedCalls = List.copyOf(failedCalls);
        interfaces = List.copyOf(interfaces);
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        subnets = List.copyOf(subnets);
        vpcs = List.copyOf(vpcs);
        prefixLists = List.copyOf(prefixLists);
        functions = List.copyOf(functions);
    }

    /** A snapshot that knows no connections between VPCs (each VPC reaches only its own addresses). */
    public InventorySnapshot(
            Instant takenAt,
            boolean complete,
            List<String> failedCalls,
            List<NetworkInterface> interfaces,
            List<SecurityGroup> securityGroups,
            List<NetworkAcl> networkAcls,
            List<Subnet> subnets,
            List<Vpc> vpcs,
            List<PrefixList> prefixLists,
            List<LambdaFunction> functions) {
        this(
                takenAt,
                complete,
                failedCalls,
                interfaces,
                securityGroups,
                networkAcls,
                subnets,
                vpcs,
                prefixLists,
                functions,
                List.of(),
                List.of());
    }

    public static InventorySnapshot empty(Instant takenAt) {
        return new InventorySnapshot(
                takenAt, true, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The call that failed when the account's role could not be assumed: nothing of the account was read. */
    public static final String ASSUME_ROLE = "AssumeRole";

    /** Whether the snapshot says which interfaces there were (their call, and the role it needed, succeeded). */
    public boolean listsInterfaces() {
        return !failedCalls.contains("DescribeNetworkInterfaces") && !failedCalls.contains(ASSUME_ROLE);
    }

    public Map<String, SecurityGroup> securityGroupsById() {
        return byId(securityGroups, SecurityGroup::id);
    }

    public Map<String, PrefixList> prefixListsById() {
        return byId(prefixLists, PrefixList::id);
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.put(id.apply(t), t);
        }
        return m;
    }
}
