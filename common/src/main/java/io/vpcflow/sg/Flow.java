package io.vpcflow.sg;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowRecord;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.IpAddress;

/**
 * The facts of a record that intent depends on. Absent numbers are -1, absent values null.
 *
 * @param tcpFlags the OR-ed flags of the window, or -1 when the format has no {@code tcp-flags}
 */
public record Flow(String interfaceId, IpAddress srcaddr, IpAddress dstaddr, IpAddress pktSrcaddr, IpAddress pktDstaddr,
                   int srcport, int dstport, int protocol, Action action, LogStatus logStatus, int tcpFlags,
                   String flowDirection, long start, long end) {

    public static Flow of(FlowRecord r) {
        return new Flow(r.getString(FlowField.INTERFACE_ID), r.getAddress(FlowField.SRCADDR), r.getAddress(FlowField.DSTADDR),
                r.getAddress(FlowField.PKT_SRCADDR), r.getAddress(FlowField.PKT_DSTADDR), intOf(r, FlowField.SRCPORT),
                intOf(r, FlowField.DSTPORT), intOf(r, FlowField.PROTOCOL), r.action(), r.logStatus(),
                intOf(r, FlowField.TCP_FLAGS), r.getString(FlowField.FLOW_DIRECTION), longOf(r, FlowField.START),
                longOf(r, FlowField.END));
    }

    /** The time ownership and rules are taken at: the window's start, else its end. */
    public long eventTime() {
        return start >= 0 ? start : end;
    }

    private static int intOf(FlowRecord r, FlowField f) {
        Long v = r.getLong(f);
        return v == null ? -1 : v.intValue();
    }

    private static long longOf(FlowRecord r, FlowField f) {
        Long v = r.getLong(f);
        return v == null ? -1 : v;
    }
}
