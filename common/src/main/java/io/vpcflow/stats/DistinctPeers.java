package io.vpcflow.stats;

import io.vpcflow.net.IpAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct remote addresses of a partial. IPv4 addresses, nearly all of them, are kept as numbers in an
 * open-addressing table (no object or boxing per record); IPv6 addresses go to a plain set.
 */
final class DistinctPeers {
    /** IPv4 address + 1, so that 0 marks a free slot. */
    private long[] v4 = new long[16];

    private int v4Size;
    private Set<IpAddress> others;

    /** Adds a parsed address. */
    void add(IpAddress a) {
        if (a.isV4()) {
            addV4(a.low() + 1);
        } else {
            if (others == null) {
                others = new HashSet<>();
            }
            others.add(a);
        }
    }

    private void addV4(long key) {
        long[] t = v4;
        int mask = t.length - 1;
        int i = slot(key) & mask;
        long k;
        while ((k = t[i]) != 0) {
            if (k == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        t[i] = key;
        if (++v4Size * 2 > t.length) {
            grow();
        }
    }

    private static int slot(long key) {
        long x = key * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    private void grow() {
        long[] old = v4;
        long[] t = new long[old.length * 2];
        int mask = t.length - 1;
        for (long key : old) {
            if (key != 0) {
                int i = slot(key) & mask;
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = key;
            }
        }
        v4 = t;
    }

    /** The peers, each once. */
    IpAddress[] addresses() {
        int n = v4Size + (others == null ? 0 : others.size());
        IpAddress[] out = new IpAddress[n];
        int k = 0;
        for (long key : v4) {
            if (key != 0) {
                out[k++] = IpAddress.ofV4(key - 1);
            }
        }
        if (others != null) {
            for (IpAddress a : others) {
                out[k++] = a;
            }
        }
        return out;
    }
}
