package io.vpcflow.sg;

import java.util.Locale;

/** IP protocol numbers as security groups and network ACLs name them. */
final class Protocols {
    static final int ALL = -1;
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;

    private Protocols() {}

    /**
     * {@code -1}/{@code all}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a number 0-255.
     *
     * @throws IllegalArgumentException for anything else
     */
    static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no protocol");
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "-1", "all" -> {
                return ALL;
            }
            case "tcp" -> {
                return TCP;
            }
            case "udp" -> {
                return UDP;
            }
            case "icmp" -> {
                return ICMP;
            }
            case "icmpv6" -> {
                return ICMPV6;
            }
            default -> {
                try {
                    int p = Integer.parseInt(text);
                    if (p >= 0 && p <= 255) {
                        return p;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
                throw new IllegalArgumentException("'" + text + "' is not a protocol");
            }
        }
    }

    static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP;
    }

    static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }
}
