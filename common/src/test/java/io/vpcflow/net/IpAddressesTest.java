package io.vpcflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "172.31.16.139, 172.31.16.139",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "2001:db8:1234:a100:8d6e:3477:df66:f105, 2001:db8:1234:a100:8d6e:3477:df66:f105",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "fe80::1:0:0:1, fe80::1:0:0:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "64:ff9b::198.51.100.7, 64:ff9b::c633:6407",
    })
    void readsAndWritesCanonically(String text, String canonical) {
        assertThat(IpAddress.parse(text).toString()).isEqualTo(canonical);
        assertThat(IpAddress.parse(canonical)).isEqualTo(IpAddress.parse(text));
    }

    @ParameterizedTest(name = "''{0}'' is not an address")
    @ValueSource(
            strings = {
                "",
                "1",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "1.2.3.4a",
                "1..2.3",
                "1.2.3.",
                ".1.2.3",
                "1234.1.1.1",
                ":",
                ":::",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                "12345::",
                "g::1",
                "1:2:3:4:5:6:7:8::",
                "::1.2.3",
                "1:",
                ":1",
                "1:2:3:4:5:6:7:1.2.3.4",
                "-",
                "fe80::1%eth0"
            })
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv4AgreesWithTheJdk() throws UnknownHostException {
        Random random = new Random(4);
        for (int i = 0; i < 5000; i++) {
            IpAddress a = IpAddress.ofV4(random.nextInt() & 0xFFFF_FFFFL);
            InetAddress jdk = InetAddress.getByName(a.toString());
            assertThat(IpAddress.parse(jdk.getHostAddress())).isEqualTo(a);
        }
    }

    @Test
    void ipv6RoundTripsAndAgreesWithTheJdk() throws UnknownHostException {
        Random random = new Random(6);
        for (int i = 0; i < 5000; i++) {
            ipv6RoundTrips(random.nextLong(), random.nextLong(), random.nextBoolean());
        }
    }

    private static void ipv6RoundTrips(long high, long low, boolean sparse) throws UnknownHostException {
        // Sparse values exercise the "::" compression paths.
        long h = sparse ? high & 0xFFFF_0000_0000_FFFFL : high;
        long l = sparse ? low & 0x0000_FFFF_0000_0000L : low;
        IpAddress a = IpAddress.ofV6(h, l);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
        byte[] raw = InetAddress.getByName(a.toString()).getAddress();
        if (raw.length == 16) { // the JDK turns ::ffff:a.b.c.d into an IPv4 address
            long jh = 0;
            long jl = 0;
            for (int i = 0; i < 8; i++) {
                jh = (jh << 8) | (raw[i] & 0xFF);
                jl = (jl << 8) | (raw[i + 8] & 0xFF);
            }
            assertThat(jh).isEqualTo(h);
            assertThat(jl).isEqualTo(l);
        }
    }
}
