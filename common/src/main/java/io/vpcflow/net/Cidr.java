package io.vpcflow.net;

/** An IPv4 or IPv6 CIDR block, compiled to masks so that matching an address is two ANDs. */
public final class Cidr {
    private final int family;
    private final long high;
    private final long low;
    private final long highMask;
    private final long lowMask;
    private final int bits;

    private Cidr(int family, long high, long low, int bits) {
        this.family = family;
        this.bits = bits;
        if (family == IpAddress.V4) {
            this.highMask = 0;
            this.lowMask = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
        } else {
            this.highMask = bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
            this.lowMask = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        }
        this.high = high & highMask;
        this.low = low & lowMask;
    }

    /**
     * Parses {@code 10.0.0.0/16} or {@code 2001:db8::/32}; a bare address is a single-address block.
     *
     * @throws IllegalArgumentException when the text is not a CIDR block
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        int max = a.isV4() ? 32 : 128;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block: " + text);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("not a CIDR block: " + text);
            }
        }
        return new Cidr(a.family(), a.high(), a.low(), bits);
    }

    public boolean contains(int family, long high, long low) {
        return family == this.family && (high & highMask) == this.high && (low & lowMask) == this.low;
    }

    public boolean contains(IpAddress a) {
        return contains(a.family(), a.high(), a.low());
    }

    /** True for 0.0.0.0/0 and ::/0. */
    public boolean isEverything() {
        return bits == 0;
    }

    public int family() {
        return family;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        IpAddresses.format(family, high, low, sb);
        return sb.append('/').append(bits).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.family == family && c.high == high && c.low == low && c.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + bits;
    }
}
