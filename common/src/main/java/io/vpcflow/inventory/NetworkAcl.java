package io.vpcflow.inventory;

import java.util.List;

/** A network ACL, its entries, and the subnets it guards. */
public record NetworkAcl(
        String id, String vpcId, boolean isDefault, List<NetworkAclEntry> entries, List<String> subnetIds) {
    public NetworkAcl {
        entries = List.copyOf(entries);
        subnetIds = List.copyOf(subnetIds);
    }
}
