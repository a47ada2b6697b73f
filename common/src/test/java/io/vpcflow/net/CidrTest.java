package io.vpcflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/16, 10.0.255.255, true",
        "10.0.0.0/16, 10.1.0.0, false",
        "0.0.0.0/0, 203.0.113.5, true",
        "203.0.113.5/32, 203.0.113.5, true",
        "203.0.113.5/32, 203.0.113.6, false",
        "203.0.113.5, 203.0.113.5, true",
        "10.0.0.7/24, 10.0.0.200, true",
        "172.16.0.0/12, 172.31.1.1, true",
        "172.16.0.0/12, 172.32.0.1, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::/0, 2001:db8::1, true",
        "2001:db8::/64, 2001:db8::ffff:1, true",
        "2001:db8::/96, 2001:db8::1:0:0, false",
        "2001:db8::1/128, 2001:db8::1, true",
        "0.0.0.0/0, 2001:db8::1, false",
        "::/0, 10.0.0.1, false",
    })
    void matchesAddressesInTheBlock(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(IpAddress.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "2001:db8::/129", "banana", "10.0.0.0/x"})
    void refusesWhatIsNotACidr(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
