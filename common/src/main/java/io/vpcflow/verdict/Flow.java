package io.vpcflow.verdict;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowRecord;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.IpAddress;

/**
 * The facts of a record that intent depends on. The job's row is one ({@code FlowRow}), so the evaluator
 * judges the row itself; {@link #of} makes one for a single parsed record. Absent numbers are -1, absent
 * values null.
 */
public interface Flow {
    /** The TCP flag of a connection's first packets, from either side (SYN, then SYN-ACK from the responder). */
    int SYN = 0x02;
    /** SYN and ACK together: only the responder sends them. */
    int SYN_ACK = 0x12;

    String interfaceId();

    IpAddress srcaddr();

    IpAddress dstaddr();

    IpAddress pktSrcaddr();

    IpAddress pktDstaddr();

    int srcport();

    int dstport();

    int protocol();

    Action action();

    LogStatus logStatus();

    /** The OR-ed flags of the window, or -1 when the format has no {@code tcp-flags}. */
    int tcpFlags();

    String flowDirection();

    long start();

    long end();

    /** Whether the record can teach or use a connection's initiator: TCP, with the window's tcp-flags. */
    default boolean isTcpWithFlags() {
        return protocol() == 6 && tcpFlags() >= 0;
    }

    /** Whether the window holds a connection's opening (a TCP window with SYN among its flags). */
    default boolean hasSyn() {
        return isTcpWithFlags() && (tcpFlags() & SYN) != 0;
    }

    /** The time ownership and rules are taken at: the window's start, else its end. */
    default long ownershipTime() {
        return start() >= 0 ? start() : end();
    }

    /** The facts of one parsed record. */
    static Flow of(FlowRecord r) {
        return new Values(
                r.getString(FlowField.INTERFACE_ID),
                r.getAddress(FlowField.SRCADDR),
                r.getAddress(FlowField.DSTADDR),
                r.getAddress(FlowField.PKT_SRCADDR),
                r.getAddress(FlowField.PKT_DSTADDR),
                intOf(r, FlowField.SRCPORT),
                intOf(r, FlowField.DSTPORT),
                intOf(r, FlowField.PROTOCOL),
                r.action(),
                r.logStatus(),
                intOf(r, FlowField.TCP_FLAGS),
                r.getString(FlowField.FLOW_DIRECTION),
                longOf(r, FlowField.START),
                longOf(r, FlowField.END));
    }

    /** The facts as values of their own, for one record judged apart from a row. */
    record Values(
            String interfaceId,
            IpAddress srcaddr,
            IpAddress dstaddr,
            IpAddress pktSrcaddr,
            IpAddress pktDstaddr,
            int srcport,
            int dstport,
            int protocol,
            Action action,
            LogStatus logStatus,
            int tcpFlags,
            String flowDirection,
            long start,
            long end)
            implements Flow {}

    private static int intOf(FlowRecord r, FlowField f) {
        Long v = r.getLong(f);
        return v == null ? -1 : v.intValue();
    }

    private static long longOf(FlowRecord r, FlowField f) {
        Long v = r.getLong(f);
        return v == null ? -1 : v;
    }
}
