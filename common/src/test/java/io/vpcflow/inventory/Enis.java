package io.vpcflow.inventory;

import io.vpcflow.net.IpAddress;
import java.util.List;
import java.util.Map;

/** Small builders of inventory objects for tests. */
public final class Enis {
    private Enis() {}

    public static NetworkInterface eni(
            String id,
            String type,
            String description,
            String requesterId,
            String instanceId,
            String subnet,
            List<String> groups,
            String... ips) {
        return new NetworkInterface(
                id,
                type,
                description,
                requesterId,
                requesterId != null,
                "123456789012",
                instanceId,
                instanceId == null ? null : "123456789012",
                subnet,
                "vpc-1",
                "us-east-1a",
                groups,
                java.util.Arrays.stream(ips).map(IpAddress::parse).toList(),
                List.of(),
                null,
                Map.of(),
                "in-use",
                null);
    }

    public static NetworkInterface instanceEni(String id, String instanceId, String... ips) {
        return eni(id, "interface", "", null, instanceId, "subnet-1", List.of("sg-1"), ips);
    }

    public static InventorySnapshot snapshot(String time, List<NetworkInterface> enis, List<LambdaFunction> functions) {
        return new InventorySnapshot(
                time == null ? null : java.time.Instant.parse(time),
                true,
                List.of(),
                enis,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                functions);
    }
}
