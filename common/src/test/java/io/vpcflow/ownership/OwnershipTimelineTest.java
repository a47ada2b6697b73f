package io.vpcflow.ownership;

import static io.vpcflow.inventory.Enis.eni;
import static io.vpcflow.inventory.Enis.instanceEni;
import static io.vpcflow.inventory.Enis.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipTimelineTest {
    private static final long T0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
    private static final long T1 = Instant.parse("2026-11-26T13:00:00Z").getEpochSecond();

    // 12:00: eni-a (i-a) holds 10.0.0.5. 13:00: eni-a is gone and eni-b (i-b) holds 10.0.0.5.
    private final OwnershipTimeline timeline = OwnershipTimeline.of(List.of(
            snapshot(
                    "2026-11-26T12:00:00Z",
                    List.of(
                            instanceEni("eni-a", "i-a", "10.0.0.5", "10.0.0.6"),
                            instanceEni("eni-c", "i-c", "10.0.0.9")),
                    List.of()),
            snapshot(
                    "2026-11-26T13:00:00Z",
                    List.of(instanceEni("eni-b", "i-b", "10.0.0.5"), instanceEni("eni-c", "i-c2", "10.0.0.9")),
                    List.of())));

    @Test
    void aReusedAddressBelongsToWhoeverHeldItAtTheRecordsTime() {
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.5"), T0 + 10)
                        .owner()
                        .id())
                .isEqualTo("i-a");
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.5"), T1 - 1)
                        .owner()
                        .id())
                .isEqualTo("i-a");
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.5"), T1).owner().id())
                .isEqualTo("i-b");
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.5"), T0 - 86_400)
                        .owner()
                        .id())
                .isEqualTo("i-a");
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.5"), T1 + 86_400)
                        .owner()
                        .id())
                .isEqualTo("i-b");
    }

    @Test
    void anAddressNobodyHeldThenIsUnknownNotAGuess() {
        assertThat(timeline.addressAt(IpAddress.parse("10.0.0.6"), T1 + 5)).isNull();
        assertThat(timeline.addressAt(IpAddress.parse("10.9.9.9"), T0)).isNull();
        assertThat(timeline.addressAt(IpAddress.parse("2001:db8::1"), T0)).isNull();
    }

    @Test
    void aDeletedInterfaceKeepsItsOwnerForLateRecords() {
        assertThat(timeline.interfaceAt("eni-a", T1 + 600).owner().id()).isEqualTo("i-a");
        assertThat(timeline.interfaceAt("eni-b", T0).owner().id()).isEqualTo("i-b");
        assertThat(timeline.interfaceAt("eni-zzz", T0)).isNull();
    }

    @Test
    void anOwnerChangeSplitsTheInterfacesHistoryAtTheSnapshotTime() {
        assertThat(timeline.history("eni-c")).hasSize(2);
        assertThat(timeline.interfaceAt("eni-c", T1 - 1).owner().id()).isEqualTo("i-c");
        assertThat(timeline.interfaceAt("eni-c", T1).owner().id()).isEqualTo("i-c2");
        byte[] line = "xx eni-c yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(timeline.interfaceAt(line, 3, 5, T1).owner().id()).isEqualTo("i-c2");
    }

    @Test
    void unchangedSnapshotsMergeIntoOneRange() {
        NetworkInterface e = instanceEni("eni-a", "i-a", "10.0.0.5");
        OwnershipTimeline t = OwnershipTimeline.of(List.of(
                snapshot("2026-11-26T12:00:00Z", List.of(e), List.of()),
                snapshot("2026-11-26T13:00:00Z", List.of(e), List.of()),
                snapshot("2026-11-26T14:00:00Z", List.of(e), List.of())));
        assertThat(t.history("eni-a")).singleElement().satisfies(a -> {
            assertThat(a.validFrom()).isEqualTo(Long.MIN_VALUE);
            assertThat(a.validTo()).isEqualTo(Long.MAX_VALUE);
        });
    }

    @Test
    void aLambdaFunctionSetFollowsTheSnapshots() {
        NetworkInterface hyperplane =
                eni("eni-l", "lambda", "AWS Lambda VPC ENI-a", "123", null, "subnet-1", List.of("sg-1"));
        LambdaFunction a = new LambdaFunction("a", "arn:a", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-1"));
        LambdaFunction b = new LambdaFunction("b", "arn:b", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-1"));
        OwnershipTimeline t = OwnershipTimeline.of(List.of(
                snapshot("2026-11-26T12:00:00Z", List.of(hyperplane), List.of(a)),
                snapshot("2026-11-26T13:00:00Z", List.of(hyperplane), List.of(a, b))));
        assertThat(t.interfaceAt("eni-l", T0).owner().functions()).containsExactly("a");
        assertThat(t.interfaceAt("eni-l", T1).owner().functions()).containsExactly("a", "b");
    }

    @Test
    void publicAndIpv6AddressesAreFoundToo() {
        NetworkInterface e = new NetworkInterface(
                "eni-p",
                "interface",
                "",
                null,
                false,
                "1",
                "i-p",
                "1",
                "subnet-1",
                "vpc-1",
                "az",
                List.of(),
                List.of(IpAddress.parse("10.0.0.7")),
                List.of(IpAddress.parse("2001:db8::7")),
                IpAddress.parse("203.0.113.7"),
                java.util.Map.of(),
                "in-use",
                null);
        OwnershipTimeline t = OwnershipTimeline.of(List.of(snapshot(null, List.of(e), List.of())));
        assertThat(t.addressAt(IpAddress.parse("203.0.113.7"), T0).eni().id()).isEqualTo("eni-p");
        assertThat(t.addressAt(IpAddress.parse("2001:db8::7"), T0).eni().id()).isEqualTo("eni-p");
    }

    @Test
    void aSeriesMustHaveTimesInOrder() {
        assertThatThrownBy(() -> OwnershipTimeline.of(List.of(
                        snapshot("2026-11-26T13:00:00Z", List.of(), List.of()),
                        snapshot("2026-11-26T12:00:00Z", List.of(), List.of()))))
                .isInstanceOf(InventoryException.class);
        assertThatThrownBy(() -> OwnershipTimeline.of(List.of())).isInstanceOf(InventoryException.class);
    }

    @Test
    void aSnapshotWithoutInterfaceDataDoesNotMakeEveryInterfaceLookDeleted() {
        NetworkInterface e = instanceEni("eni-a", "i-a", "10.0.0.5");
        InventorySnapshot failed = new InventorySnapshot(
                Instant.parse("2026-11-26T13:00:00Z"),
                false,
                List.of("DescribeNetworkInterfaces"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        OwnershipTimeline t =
                OwnershipTimeline.of(List.of(snapshot("2026-11-26T12:00:00Z", List.of(e), List.of()), failed));
        assertThat(t.addressAt(IpAddress.parse("10.0.0.5"), T1 + 60).owner().id())
                .isEqualTo("i-a");
        assertThatThrownBy(() -> OwnershipTimeline.of(List.of(failed)))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("DescribeNetworkInterfaces failed");
    }
}
