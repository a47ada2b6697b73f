package io.vpcflow.inventory;

import java.util.List;
import java.util.Map;

/** A VPC and its address ranges. */
public record Vpc(
        String id,
        List<String> cidrIpv4,
        List<String> cidrIpv6,
        String ownerId,
        boolean isDefault,
        Map<String, String> tags) {
    public Vpc {
        cidrIpv4 = List.copyOf(cidrIpv4);
        cidrIpv6 = List.copyOf(cidrIpv6);
        tags = Map.copyOf(tags);
    }
}
