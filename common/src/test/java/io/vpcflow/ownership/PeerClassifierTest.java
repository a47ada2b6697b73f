package io.vpcflow.ownership;

import static io.vpcflow.inventory.Enis.instanceEni;
import static io.vpcflow.inventory.Enis.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerClassifierTest {

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
        "10.1.2.3, false",
        "172.16.0.1, false",
        "172.31.255.255, false",
        "172.32.0.1, true",
        "192.168.1.1, false",
        "100.64.0.1, false",
        "100.128.0.1, true",
        "127.0.0.1, false",
        "169.254.169.254, false",
        "224.0.0.1, false",
        "8.8.8.8, true",
        "52.95.128.179, true",
        "203.0.113.5, true",
        "2001:db8::1, true",
        "fd00::1, false",
        "fe80::1, false",
        "ff02::1, false",
        "::1, false",
        "::ffff:10.0.0.1, false",
        "::ffff:8.8.8.8, true",
    })
    void knowsPublicFromPrivate(String address, boolean isPublic) {
        assertThat(PeerClassifier.isPublic(IpAddress.parse(address))).isEqualTo(isPublic);
    }

    @Test
    void aKnownInterfaceWinsThenTheAwsServiceThenInternetElseUnknown() {
        OwnershipTimeline t = OwnershipTimeline.of(
                List.of(snapshot(null, List.of(instanceEni("eni-a", "i-a", "10.0.0.5")), List.of())));
        assertThat(PeerClassifier.classify(t, IpAddress.parse("10.0.0.5"), "S3", 0)
                        .kind())
                .isEqualTo(OwnerKind.EC2_INSTANCE);
        Owner s3 = PeerClassifier.classify(t, IpAddress.parse("52.95.128.179"), "S3", 0);
        assertThat(s3.kind()).isEqualTo(OwnerKind.AWS_SERVICE);
        assertThat(s3.id()).isEqualTo("S3");
        assertThat(PeerClassifier.classify(t, IpAddress.parse("52.95.128.179"), "-", 0)
                        .kind())
                .isEqualTo(OwnerKind.INTERNET);
        assertThat(PeerClassifier.classify(t, IpAddress.parse("10.9.9.9"), null, 0))
                .isEqualTo(Owner.UNKNOWN);
    }
}
