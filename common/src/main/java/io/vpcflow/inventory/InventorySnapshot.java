package io.vpcflow.inventory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an account looked like at one time: interfaces, security groups and their rules, network ACLs,
 * subnets, VPCs, prefix lists and Lambda functions.
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
        List<LambdaFunction> functions) {
    public InventorySnapshot {
        failedCalls = List.copyOf(failedCalls);
        interfaces = List.copyOf(interfaces);
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        subnets = List.copyOf(subnets);
        vpcs = List.copyOf(vpcs);
        prefixLists = List.copyOf(prefixLists);
        functions = List.copyOf(functions);
    }

    public static InventorySnapshot empty(Instant takenAt) {
        return new InventorySnapshot(
                takenAt, true, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
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
