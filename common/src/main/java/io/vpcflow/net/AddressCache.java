package io.vpcflow.net;

/**
 * Recent IPv4 addresses, direct-mapped by the top bits of a multiplicative hash: an estate's addresses recur record
 * after record, and come back as the same (immutable) object instead of a new one each. Not thread-safe.
 */
public final class AddressCache {
    private static final int SLOT_BITS = 10;

    private final IpAddress[] addresses = new IpAddress[1 << SLOT_BITS];

    /** The address of this family and these bits: a kept one for IPv4, a new one otherwise. */
    public IpAddress of(int family, long high, long low) {
        if (family != IpAddress.V4) {
            return IpAddress.of(family, high, low);
        }
        int slot = (int) ((low * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));
        IpAddress a = addresses[slot];
        if (a == null || a.low() != low) {
            a = IpAddress.ofV4(low);
            addresses[slot] = a;
        }
        return a;
    }
}
