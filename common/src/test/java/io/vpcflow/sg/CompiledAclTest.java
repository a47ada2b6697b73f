package io.vpcflow.sg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.net.IpAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledAclTest {
    // Listed out of order on purpose: evaluation follows rule numbers, not list order.
    private static final CompiledAcl ACL = CompiledAcl.compile(new NetworkAcl(
            "acl-1",
            "vpc-1",
            false,
            List.of(
                    new NetworkAclEntry(200, false, "6", true, "0.0.0.0/0", null, 1024, 65535, -1, -1),
                    new NetworkAclEntry(100, false, "6", true, "0.0.0.0/0", null, 443, 443, -1, -1),
                    new NetworkAclEntry(90, false, "-1", false, "198.51.100.0/24", null, -1, -1, -1, -1),
                    new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, -1, -1, -1, -1),
                    new NetworkAclEntry(32767, false, "-1", false, "0.0.0.0/0", null, -1, -1, -1, -1)),
            List.of("subnet-1")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTPS in from anywhere | false | 6 | 443 | 203.0.113.9 | true",
                "an explicit deny numbered lower wins over the allow | false | 6 | 443 | 198.51.100.7 | false",
                "ephemeral ports in (responses) | false | 6 | 50000 | 203.0.113.9 | true",
                "SSH in falls to the final deny | false | 6 | 22 | 203.0.113.9 | false",
                "UDP in falls to the final deny | false | 17 | 50000 | 203.0.113.9 | false",
                "everything out | true | 1 | 0 | 203.0.113.9 | true",
                "an IPv6 packet matches no IPv4 entry: denied | false | 6 | 443 | 2001:db8::1 | false",
            })
    void firstMatchingEntryByRuleNumberDecides(
            String what, boolean egress, int protocol, int port, String remote, boolean allowed) {
        assertThat(ACL.allows(egress, protocol, port, IpAddress.parse(remote)))
                .as(what)
                .isEqualTo(allowed);
    }
}
