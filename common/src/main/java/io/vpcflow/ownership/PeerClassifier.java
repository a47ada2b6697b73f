package io.vpcflow.ownership;

import io.vpcflow.net.IpAddress;
import java.util.List;

/**
 * Who is on the other end of a flow: an interface of the inventory (at the record's time), else the AWS
 * service the record names ({@code pkt-src-aws-service}/{@code pkt-dst-aws-service}), else the internet
 * for a public address, else unknown.
 */
public final class PeerClassifier {
    private PeerClassifier() {}

    /**
     * @param awsService the record's {@code pkt-*-aws-service} for this address, or null
     */
    public static Owner classify(OwnershipTimeline timeline, IpAddress address, String awsService, long epochSecond) {
        return classify(timeline, -1, address, awsService, epochSecond);
    }

    /** As {@link #classify(OwnershipTimeline, IpAddress, String, long)}, seen from VPC {@code vpc} of the timeline. */
    public static Owner classify(
            OwnershipTimeline timeline, int vpc, IpAddress address, String awsService, long epochSecond) {
        OwnershipTimeline.Attribution a = timeline.addressAt(vpc, address, epochSecond);
        if (a != null) {
            return a.owner();
        }
        return switch (unownedKind(address, awsService)) {
            case AWS_SERVICE -> new Owner(OwnerKind.AWS_SERVICE, awsService, awsService, List.of(), false, null, null);
            case INTERNET -> new Owner(OwnerKind.INTERNET, address.toString(), null, List.of(), false, null, null);
            default -> Owner.UNKNOWN;
        };
    }

    /**
     * What an address no interface of the inventory holds is: the AWS service the record names, else the
     * internet for a public address, else unknown. Its id is the service name or the address.
     */
    public static OwnerKind unownedKind(IpAddress address, String awsService) {
        if (awsService != null && !awsService.isEmpty() && !awsService.equals("-")) {
            return OwnerKind.AWS_SERVICE;
        }
        return isPublic(address) ? OwnerKind.INTERNET : OwnerKind.UNKNOWN;
    }

    /** False for private, shared (CGNAT), loopback, link-local, multicast and reserved ranges. */
    public static boolean isPublic(IpAddress a) {
        if (a.isV4()) {
            long v = a.low();
            return !(in(v, 0x0A000000L, 8)
                    || in(v, 0xAC100000L, 12)
                    || in(v, 0xC0A80000L, 16)
                    || in(v, 0x64400000L, 10)
                    || in(v, 0x7F000000L, 8)
                    || in(v, 0xA9FE0000L, 16)
                    || in(v, 0x00000000L, 8)
                    || in(v, 0xE0000000L, 4)
                    || in(v, 0xF0000000L, 4));
        }
        long h = a.high();
        boolean unspecifiedOrLoopback = h == 0 && (a.low() == 0 || a.low() == 1);
        boolean uniqueLocal = (h >>> 57) == (0xFC00L >>> 9); // fc00::/7
        boolean linkLocal = (h >>> 54) == (0xFE80L >>> 6); // fe80::/10
        boolean multicast = (h >>> 56) == 0xFF; // ff00::/8
        boolean v4Mapped = h == 0 && (a.low() >>> 32) == 0xFFFFL; // ::ffff:0:0/96, judged as IPv4
        if (v4Mapped) {
            return isPublic(IpAddress.ofV4(a.low()));
        }
        return !(unspecifiedOrLoopback || uniqueLocal || linkLocal || multicast);
    }

    private static boolean in(long v, long network, int bits) {
        return (v >>> (32 - bits)) == (network >>> (32 - bits));
    }
}
