package io.vpcflow.enrich;

import io.vpcflow.net.IpAddress;
import io.vpcflow.verdict.Initiator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The initiators of TCP connections learnt from windows with a SYN, remembered for a time after a connection was
 * last seen: the job keeps these in keyed state; a single-threaded reader of records (what-if) keeps them here.
 * Bounded: the least recently seen connections are forgotten first.
 */
public final class ConnectionInitiators {
    /** The job's default for how long an initiator is remembered after its connection was last seen. */
    public static final long DEFAULT_TTL_SECONDS = 3600;

    private final long ttlSeconds;
    private final Map<Connection, long[]> byConnection;

    /** @param capacity how many connections are remembered at most */
    public ConnectionInitiators(long ttlSeconds, int capacity) {
        this.ttlSeconds = ttlSeconds;
        this.byConnection = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Connection, long[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The connection a record belongs to on its interface: protocol and the two endpoints in a fixed order, so both
     * directions of a connection share one key.
     */
    public static String key(FlowRow r) {
        String a = r.srcaddr + ":" + r.srcport;
        String b = r.dstaddr + ":" + r.dstport;
        return r.interfaceId + "|" + r.protocol + "|" + (a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
    }

    /**
     * What {@link #key} says, as a key of this map: the record's own interface id and address objects, so a lookup
     * makes one small object instead of the text of two endpoints.
     */
    private record Connection(String interfaceId, int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        static Connection of(FlowRow r) {
            int order = compare(r.srcaddr, r.dstaddr);
            return order < 0 || order == 0 && r.srcport <= r.dstport
                    ? new Connection(r.interfaceId, r.protocol, r.srcaddr, r.srcport, r.dstaddr, r.dstport)
                    : new Connection(r.interfaceId, r.protocol, r.dstaddr, r.dstport, r.srcaddr, r.srcport);
        }

        private static int compare(IpAddress x, IpAddress y) {
            return x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
        }
    }

    /** What is known of the record's connection's initiator (UNKNOWN for records that cannot use it). */
    public Initiator known(FlowRow r) {
        if (!RowEnricher.needsConnectionState(r)) {
            return Initiator.UNKNOWN;
        }
        long[] entry = byConnection.get(Connection.of(r));
        if (entry == null || r.start - entry[1] > ttlSeconds) {
            return Initiator.UNKNOWN;
        }
        entry[1] = Math.max(entry[1], r.start);
        return entry[0] == 1 ? Initiator.LOCAL : Initiator.REMOTE;
    }

    /** Remembers what enriching the record learnt ({@link RowEnricher#enrich}'s result). */
    public void learnt(FlowRow r, Initiator learnt) {
        if (learnt != Initiator.UNKNOWN && RowEnricher.needsConnectionState(r)) {
            byConnection.put(Connection.of(r), new long[] {learnt == Initiator.LOCAL ? 1 : 2, r.start});
        }
    }
}
