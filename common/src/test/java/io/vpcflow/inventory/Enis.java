package io.vpcflow.inventory;

import io.vpcflow.net.IpAddress;
import java.util.List;
import java.util.Map;

/** Small builders of inventory objects for tests (in this module's test jar, for the tests of every module). */
public final class Enis {
    private Enis() {}

    /** An interface in use in account 123456789012, vpc-1, subnet-1, us-east-1a; set what a test is about. */
    public static Builder interfaceNamed(String id) {
        return new Builder(id);
    }

    /** The eighteen fields of a {@link NetworkInterface}, with defaults. */
    public static final class Builder {
        private final String id;
        private String type = "interface";
        private String description = "";
        private String requesterId;
        private String account = "123456789012";
        private String instanceId;
        private String instanceOwner;
        private String subnet = "subnet-1";
        private String az = "us-east-1a";
        private List<String> groups = List.of();
        private List<IpAddress> addresses = List.of();
        private IpAddress publicIp;
        private String vpc = "vpc-1";
        private Map<String, String> tags = Map.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Managed by AWS for the service {@code requesterId} (e.g. {@code amazon-rds}). */
        public Builder requester(String requesterId) {
            this.requesterId = requesterId;
            return this;
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder instance(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        /** The account of the attached instance (null: not said, as in many responses). */
        public Builder instanceOwner(String account) {
            this.instanceOwner = account;
            return this;
        }

        public Builder vpc(String vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder subnet(String subnet) {
            this.subnet = subnet;
            return this;
        }

        public Builder zone(String az) {
            this.az = az;
            return this;
        }

        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Builder addresses(String... ips) {
            this.addresses = java.util.Arrays.stream(ips).map(IpAddress::parse).toList();
            return this;
        }

        public Builder publicIp(String ip) {
            this.publicIp = IpAddress.parse(ip);
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public NetworkInterface build() {
            return new NetworkInterface(
                    id,
                    type,
                    description,
                    requesterId,
                    requesterId != null,
                    account,
                    instanceId,
                    instanceOwner,
                    subnet,
                    vpc,
                    az,
                    groups,
                    addresses,
                    List.of(),
                    publicIp,
                    tags,
                    "in-use",
                    null);
        }
    }

    public static NetworkInterface eni(
            String id,
            String type,
            String description,
            String requesterId,
            String instanceId,
            String subnet,
            List<String> groups,
            String... ips) {
        return interfaceNamed(id)
                .type(type)
                .description(description)
                .requester(requesterId)
                .instance(instanceId)
                .instanceOwner(instanceId == null ? null : "123456789012")
                .subnet(subnet)
                .groups(groups.toArray(String[]::new))
                .addresses(ips)
                .build();
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
