package io.vpcflow.net;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An IPv4 or IPv6 address as numbers: cheap to compare, hash and match against CIDR blocks.
 *
 * <p>An IPv4 address keeps its 32 bits in the low word; an IPv6 address uses both words.
 */
public final class IpAddress implements Comparable<IpAddress> {
    public static final int V4 = 4;
    public static final int V6 = 6;

    private final int family;
    private final long high;
    private final long low;
    private String text;

    private IpAddress(int family, long high, long low) {
        this.family = family;
        this.high = high;
        this.low = low;
    }

    public static IpAddress ofV4(long bits) {
        return new IpAddress(V4, 0, bits & 0xFFFF_FFFFL);
    }

    public static IpAddress ofV6(long high, long low) {
        return new IpAddress(V6, high, low);
    }

    /** Builds an address from what {@link IpAddresses#parse} stored. */
    public static IpAddress of(int family, long high, long low) {
        return family == V4 ? ofV4(low) : ofV6(high, low);
    }

    /** Parses an IPv4 or IPv6 address; throws {@link IllegalArgumentException} for anything else. */
    public static IpAddress parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long[] out = new long[2];
        int family = IpAddresses.parse(b, 0, b.length, out);
        if (family == 0) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return of(family, out[0], out[1]);
    }

    /** The text of {@code a} ({@link #toString()}), or null. */
    public static String textOf(IpAddress a) {
        return a == null ? null : a.toString();
    }

    public int family() {
        return family;
    }

    public boolean isV4() {
        return family == V4;
    }

    /** The high 64 bits of an IPv6 address; 0 for IPv4. */
    public long high() {
        return high;
    }

    /** The low 64 bits of an IPv6 address, or the 32 bits of an IPv4 address. */
    public long low() {
        return low;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.family == family && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + family;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(family, o.family);
        if (c == 0) {
            c = Long.compareUnsigned(high, o.high);
        }
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Dotted quad for IPv4; RFC 5952 canonical text for IPv6. */
    @Override
    public String toString() {
        // Computed once: the inventory's addresses are written into every record they attribute. A benign
        // race, as with String.hashCode: every thread computes the same text.
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(39);
            IpAddresses.format(family, high, low, sb);
            t = sb.toString();
            text = t;
        }
        return t;
    }

    /** Writes the address as it crosses a wire: its family byte, then its 4 (IPv4) or 16 (IPv6) bytes. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(family);
        if (family == V4) {
            out.writeInt((int) low);
        } else {
            out.writeLong(high);
            out.writeLong(low);
        }
    }

    /**
     * The address {@link #writeTo} wrote, whose family byte the caller has read; taken from {@code cache} when one
     * is given.
     *
     * @throws IOException when {@code family} is no address family
     */
    public static IpAddress readFrom(int family, DataInput in, AddressCache cache) throws IOException {
        long high = 0;
        long low;
        if (family == V4) {
            low = in.readInt() & 0xFFFF_FFFFL;
        } else if (family == V6) {
            high = in.readLong();
            low = in.readLong();
        } else {
            throw new IOException("not an address family: " + family);
        }
        return cache == null ? of(family, high, low) : cache.of(family, high, low);
    }
}
