package io.vpcflow.inventory;

import java.util.List;
import java.util.Map;

/** A subnet: where an interface lives, which ACL applies, which AZ. */
public record Subnet(
        String id,
        String vpcId,
        String cidrIpv4,
        List<String> cidrIpv6,
        String availabilityZone,
        String availabilityZoneId,
        String ownerId,
        Map<String, String> tags) {
    public Subnet {
        cidrIpv6 = List.copyOf(cidrIpv6);
        tags = Map.copyOf(tags);
    }
}
