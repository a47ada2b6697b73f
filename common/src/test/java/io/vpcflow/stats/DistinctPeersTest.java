package io.vpcflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.net.IpAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctPeersTest {
    @Test
    void countsEachAddressOnceAcrossGrowth() {
        DistinctPeers peers = new DistinctPeers();
        Set<String> expected = new HashSet<>();
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            IpAddress a = IpAddress.ofV4(random.nextInt(3_000) + 0x0A00_0000L);
            peers.add(a);
            expected.add(a.toString());
        }
        assertThat(peers.addresses()).extracting(IpAddress::toString).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void keepsTheEdgesOfTheIpv4RangeAndIpv6() {
        DistinctPeers peers = new DistinctPeers();
        for (String text : List.of("0.0.0.0", "255.255.255.255", "2001:db8::1", "0.0.0.0", "2001:db8::1")) {
            peers.add(IpAddress.parse(text));
        }
        assertThat(peers.addresses())
                .extracting(IpAddress::toString)
                .containsExactlyInAnyOrder("0.0.0.0", "255.255.255.255", "2001:db8::1");
    }
}
