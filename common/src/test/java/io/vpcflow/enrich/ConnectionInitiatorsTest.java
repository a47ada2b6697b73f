package io.vpcflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.net.IpAddress;
import io.vpcflow.verdict.Initiator;
import org.junit.jupiter.api.Test;

class ConnectionInitiatorsTest {
    static FlowRow tcp(String eni, String src, int srcPort, String dst, int dstPort, long start) {
        FlowRow r = new FlowRow();
        r.interfaceId = eni;
        r.srcaddr = IpAddress.parse(src);
        r.dstaddr = IpAddress.parse(dst);
        r.srcport = srcPort;
        r.dstport = dstPort;
        r.protocol = 6;
        r.tcpFlags = 18;
        r.start = start;
        return r;
    }

    @Test
    void bothDirectionsOfAConnectionOnItsInterfaceShareWhatWasLearnt() {
        ConnectionInitiators c = new ConnectionInitiators(3600, 16);
        c.learnt(tcp("eni-1", "10.0.0.1", 50000, "10.0.0.2", 443, 100), Initiator.LOCAL);
        assertThat(c.known(tcp("eni-1", "10.0.0.2", 443, "10.0.0.1", 50000, 200)))
                .isEqualTo(Initiator.LOCAL);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 50000, "10.0.0.2", 443, 200)))
                .isEqualTo(Initiator.LOCAL);
        // Another interface, another port, another protocol: other connections.
        assertThat(c.known(tcp("eni-2", "10.0.0.1", 50000, "10.0.0.2", 443, 200)))
                .isEqualTo(Initiator.UNKNOWN);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 50001, "10.0.0.2", 443, 200)))
                .isEqualTo(Initiator.UNKNOWN);
        FlowRow udp = tcp("eni-1", "10.0.0.1", 50000, "10.0.0.2", 443, 200);
        udp.protocol = 17;
        assertThat(c.known(udp)).isEqualTo(Initiator.UNKNOWN);
    }

    @Test
    void sameAddressesAndSwappedPortsAreAnotherConnection() {
        ConnectionInitiators c = new ConnectionInitiators(3600, 16);
        c.learnt(tcp("eni-1", "10.0.0.1", 443, "10.0.0.1", 50000, 100), Initiator.REMOTE);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 50000, "10.0.0.1", 443, 150)))
                .isEqualTo(Initiator.REMOTE);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 443, "10.0.0.1", 50001, 150)))
                .isEqualTo(Initiator.UNKNOWN);
    }

    @Test
    void anInitiatorIsForgottenOnceItsConnectionWasQuietForLongerThanTheTtl() {
        ConnectionInitiators c = new ConnectionInitiators(60, 16);
        c.learnt(tcp("eni-1", "10.0.0.1", 50000, "10.0.0.2", 443, 100), Initiator.REMOTE);
        assertThat(c.known(tcp("eni-1", "10.0.0.2", 443, "10.0.0.1", 50000, 150)))
                .isEqualTo(Initiator.REMOTE);
        // Seen at 150: remembered until 210.
        assertThat(c.known(tcp("eni-1", "10.0.0.2", 443, "10.0.0.1", 50000, 210)))
                .isEqualTo(Initiator.REMOTE);
        assertThat(c.known(tcp("eni-1", "10.0.0.2", 443, "10.0.0.1", 50000, 271)))
                .isEqualTo(Initiator.UNKNOWN);
    }

    @Test
    void theLeastRecentlySeenConnectionIsForgottenFirst() {
        ConnectionInitiators c = new ConnectionInitiators(3600, 2);
        c.learnt(tcp("eni-1", "10.0.0.1", 1, "10.0.0.2", 443, 100), Initiator.LOCAL);
        c.learnt(tcp("eni-1", "10.0.0.1", 2, "10.0.0.2", 443, 100), Initiator.LOCAL);
        c.known(tcp("eni-1", "10.0.0.1", 1, "10.0.0.2", 443, 101));
        c.learnt(tcp("eni-1", "10.0.0.1", 3, "10.0.0.2", 443, 102), Initiator.LOCAL);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 1, "10.0.0.2", 443, 103))).isEqualTo(Initiator.LOCAL);
        assertThat(c.known(tcp("eni-1", "10.0.0.1", 2, "10.0.0.2", 443, 103))).isEqualTo(Initiator.UNKNOWN);
    }
}
