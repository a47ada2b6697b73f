package io.vpcflow.inventory;

import static io.vpcflow.inventory.Enis.interfaceNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.files.InventoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstatesTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    static InventorySnapshot snapshot(Instant t, String... enis) {
        return new InventorySnapshot(
                t,
                true,
                List.of(),
                java.util.Arrays.stream(enis)
                        .map(id -> interfaceNamed(id).build())
                        .toList(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new PrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "IPv4", List.of("52.216.0.0/15"))),
                List.of());
    }

    static InventorySnapshot failed(Instant t) {
        return new InventorySnapshot(
                t,
                false,
                List.of(InventorySnapshot.ASSUME_ROLE),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void estatesFetchedInOneRunAreOneTimeAndEachHoldsItsLatestSnapshotAtEveryTime() {
        Estate a = new Estate(
                "111", "us-east-1", "a", List.of(snapshot(T0, "eni-a1"), snapshot(T0.plusSeconds(3600), "eni-a2")));
        // B is fetched 40 s after A in each run: the same runs, not times of their own.
        Estate b = new Estate(
                "222",
                "us-east-1",
                "b",
                List.of(snapshot(T0.plusSeconds(40), "eni-b1"), snapshot(T0.plusSeconds(3640), "eni-b2")));
        List<InventorySnapshot> merged = Estates.merge(List.of(a, b));
        assertThat(merged).extracting(InventorySnapshot::takenAt).containsExactly(T0, T0.plusSeconds(3600));
        assertThat(merged.get(0).interfaces()).extracting(NetworkInterface::id).containsExactly("eni-a1", "eni-b1");
        assertThat(merged.get(1).interfaces()).extracting(NetworkInterface::id).containsExactly("eni-a2", "eni-b2");
        // The AWS-managed prefix list every account sees is one list.
        assertThat(merged.get(0).prefixLists()).hasSize(1);
    }

    @Test
    void aLoneSnapshotHoldsAlwaysAndAFailedFetchKeepsTheLastGoodOneOfItsEstate() {
        Estate lone = new Estate(null, null, "lone", List.of(snapshot(null, "eni-l")));
        Estate b = new Estate(
                "222",
                "eu-west-1",
                "b",
                List.of(
                        snapshot(T0, "eni-b1"),
                        failed(T0.plusSeconds(3600)),
                        snapshot(T0.plusSeconds(7200), "eni-b3")));
        Estate denied = new Estate("333", "eu-west-1", "c", List.of(failed(T0)));
        List<InventorySnapshot> merged = Estates.merge(List.of(lone, b, denied));
        assertThat(merged).extracting(InventorySnapshot::takenAt).containsExactly(T0, T0.plusSeconds(7200));
        assertThat(merged.get(0).interfaces()).extracting(NetworkInterface::id).containsExactly("eni-l", "eni-b1");
        assertThat(merged.get(1).interfaces()).extracting(NetworkInterface::id).containsExactly("eni-l", "eni-b3");
        assertThat(merged).allMatch(InventorySnapshot::complete);
        assertThat(denied.usable()).isEmpty();
        assertThat(denied.name()).isEqualTo("account 333 in eu-west-1");
    }

    @Test
    void aRootOfAccountAndRegionFoldersIsReadAtAnyDepthAndTheMarkerNamesTheEstate(@TempDir Path root) throws Exception {
        InventoryFiles.write(snapshot(T0, "eni-a1"), root.resolve("org/111122223333/us-east-1/" + T0));
        InventoryFiles.write(snapshot(null, "eni-b1"), root.resolve("444455556666/eu-west-1"));
        InventoryFiles.write(snapshot(T0, "eni-c1"), root.resolve("c/" + T0), "777788889999", "ap-south-1", Map.of());
        InventoryFiles.write(snapshot(T0, "eni-x"), root.resolve("_staging/" + T0));
        List<Estate> estates = InventoryFiles.estates(root);
        assertThat(estates)
                .extracting(Estate::account, Estate::region)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("444455556666", "eu-west-1"),
                        org.assertj.core.groups.Tuple.tuple("777788889999", "ap-south-1"),
                        org.assertj.core.groups.Tuple.tuple("111122223333", "us-east-1"));
        assertThat(InventoryFiles.read(root).get(0).interfaces())
                .extracting(NetworkInterface::id)
                .containsExactlyInAnyOrder("eni-a1", "eni-b1", "eni-c1");
        // Nothing half written is left beside the snapshots.
        try (var files = Files.list(root.resolve("c"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(T0.toString());
        }
    }
}
