package io.vpcflow.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.IpAddress;
import io.vpcflow.stats.FileSums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that sums checks the inventory at each file's start and says what it found, for the job to count. */
class ReaderAggregationTest {
    @TempDir
    Path dir;

    @Test
    void aFileSaysWhetherItStartedOnAReloadedInventoryOrOnTheLastGoodOneAfterAFailedReload() throws Exception {
        Path inventory = dir.resolve("inventory");
        Path sample = Paths.get("..", "sample-data", "inventory");
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = inventory.resolve(sample.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        ReaderAggregation aggregation = new ReaderAggregation(inventory.toString(), 300, true);
        FileSums.Partials first = sumOneRecord(aggregation);
        assertThat(first.inventoryReloaded()).isFalse();
        assertThat(first.inventoryReloadFailed()).isFalse();

        Path interfaces;
        try (Stream<Path> files = Files.list(inventory.resolve("2026-11-26T13:00:00Z"))) {
            interfaces = files.filter(f -> f.getFileName().toString().startsWith("describe-network-interfaces"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] good = Files.readAllBytes(interfaces);
        Files.writeString(interfaces, "{ half written");
        FileSums.Partials broken = sumOneRecord(aggregation);
        assertThat(broken.inventoryReloadFailed()).isTrue();
        assertThat(broken.inventoryReloaded()).isFalse();
        assertThat(broken.verdictStats())
                .as("summed on the last good inventory")
                .isNotEmpty();

        Files.write(interfaces, good);
        Files.setLastModifiedTime(interfaces, FileTime.from(Instant.parse("2026-11-27T00:00:00Z")));
        FileSums.Partials mended = sumOneRecord(aggregation);
        assertThat(mended.inventoryReloaded()).isTrue();
        assertThat(mended.inventoryReloadFailed()).isFalse();

        FileSums.Partials same = sumOneRecord(aggregation);
        assertThat(same.inventoryReloaded()).isFalse();
    }

    private static FileSums.Partials sumOneRecord(ReaderAggregation aggregation) {
        FileSums sums = aggregation.startFile();
        FlowRow r = new FlowRow();
        r.interfaceId = "eni-0a1b2c3d4e5f60001";
        r.srcaddr = IpAddress.parse("10.0.1.10");
        r.dstaddr = IpAddress.parse("10.0.2.20");
        r.protocol = 17;
        r.srcport = 5353;
        r.dstport = 53;
        r.packets = 1;
        r.bytes = 80;
        r.start = Instant.parse("2026-11-26T12:30:00Z").getEpochSecond();
        r.end = r.start + 60;
        r.action = Action.ACCEPT;
        r.logStatus = LogStatus.OK;
        assertThat(sums.add(r)).isTrue();
        return sums.end();
    }
}
