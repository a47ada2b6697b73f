package io.vpcflow.inventory;

import java.util.List;
import java.util.Map;

/** A security group and its rules, inbound and outbound. */
public record SecurityGroup(
        String id,
        String name,
        String description,
        String vpcId,
        String ownerId,
        List<SecurityGroupRule> rules,
        Map<String, String> tags) {
    public SecurityGroup {
        rules = List.copyOf(rules);
        tags = Map.copyOf(tags);
    }
}
