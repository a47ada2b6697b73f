package io.vpcflow.inventory;

import io.vpcflow.net.IpAddress;
import java.util.List;
import java.util.Map;

/**
 * A network interface as {@code DescribeNetworkInterfaces} describes it: the signals that tell who owns it.
 *
 * @param interfaceType    read as a string: AWS adds values and real responses differ from the SDK enum
 * @param requesterManaged whether AWS manages it for a service (not reliable for Lambda ENIs)
 * @param instanceId       the attached instance, or null
 * @param privateIpv4      every private IPv4 address, the primary first
 * @param publicIp         the associated public IPv4 address, or null
 * @param operator         the managing service principal from {@code Operator}, or null
 */
public record NetworkInterface(
        String id,
        String interfaceType,
        String description,
        String requesterId,
        boolean requesterManaged,
        String ownerId,
        String instanceId,
        String instanceOwnerId,
        String subnetId,
        String vpcId,
        String availabilityZone,
        List<String> securityGroupIds,
        List<IpAddress> privateIpv4,
        List<IpAddress> ipv6,
        IpAddress publicIp,
        Map<String, String> tags,
        String status,
        String operator) {
    public NetworkInterface {
        securityGroupIds = List.copyOf(securityGroupIds);
        privateIpv4 = List.copyOf(privateIpv4);
        ipv6 = List.copyOf(ipv6);
        tags = Map.copyOf(tags);
        description = description == null ? "" : description;
        interfaceType = interfaceType == null ? "" : interfaceType;
    }

    private static final java.util.regex.Pattern REGION_OF_ZONE =
            java.util.regex.Pattern.compile("^([a-z]{2}(?:-[a-z]+)+-\\d+)");

    /**
     * The region, read off the availability zone ({@code us-east-1a}, a Local Zone {@code us-east-1-bos-1a}, a
     * Wavelength zone {@code us-east-1-wl1-bos-wlz-1} are all {@code us-east-1}), or null when it names none.
     */
    public String region() {
        java.util.regex.Matcher m = availabilityZone == null ? null : REGION_OF_ZONE.matcher(availabilityZone);
        return m != null && m.find() ? m.group(1) : null;
    }

    /** The primary private IPv4 address, or null for an IPv6-only interface. */
    public IpAddress primaryIpv4() {
        return privateIpv4.isEmpty() ? null : privateIpv4.get(0);
    }

    /** Every private address (IPv4 and IPv6): what traffic to or from this interface carries. */
    /** Whether {@code a} is one of the interface's private addresses, without building a list. */
    public boolean hasPrivateAddress(IpAddress a) {
        return privateIpv4.contains(a) || ipv6.contains(a);
    }

    public List<IpAddress> privateAddresses() {
        if (ipv6.isEmpty()) {
            return privateIpv4;
        }
        return java.util.stream.Stream.concat(privateIpv4.stream(), ipv6.stream())
                .toList();
    }
}
