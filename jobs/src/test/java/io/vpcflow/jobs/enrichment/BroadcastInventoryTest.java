package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.inventory.InventoryReceiver;
import io.vpcflow.jobs.inventory.InventoryUpdate;
import io.vpcflow.jobs.inventory.InventoryWatcher;
import io.vpcflow.net.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory reader and the operator it broadcasts to, each in a test harness, the reader's output fed to the
 * operator: records wait for the first inventory; a new snapshot is applied; a broken one is counted by the reader
 * and never sent, so the last good one stays.
 */
class BroadcastInventoryTest {
    static final long T0 = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    static InventorySnapshot snapshot(long time, String instance) {
        return new InventorySnapshot(
                Instant.ofEpochSecond(time),
                true,
                List.of(),
                List.of(Enis.interfaceNamed("eni-web")
                        .instance(instance)
                        .addresses("10.0.1.10")
                        .build()),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static FlowRow row(int srcPort, long start) {
        FlowRow r = new FlowRow();
        r.interfaceId = "eni-web";
        r.srcaddr = IpAddress.parse("203.0.113.9");
        r.dstaddr = IpAddress.parse("10.0.1.10");
        r.srcport = srcPort;
        r.dstport = 443;
        r.protocol = 6;
        r.packets = 1;
        r.bytes = 60;
        r.start = start;
        r.end = start + 60;
        r.action = Action.ACCEPT;
        r.logStatus = LogStatus.OK;
        return r;
    }

    @Test
    void recordsWaitForTheFirstInventoryANewOneIsAppliedAndABrokenOneIsNeverSent() throws Exception {
        Path root = dir.resolve("inventory");
        InventoryFiles.write(
                snapshot(T0, "i-one"), root.resolve(Instant.ofEpochSecond(T0).toString()));
        JobConfig.Inventory settings = new JobConfig.Inventory();
        settings.dir = root.toString();
        try (OneInputStreamOperatorTestHarness<Long, InventoryUpdate> reader =
                        ProcessFunctionTestHarnesses.forProcessFunction(
                                new InventoryWatcher(settings, 0, true, false));
                BroadcastOperatorTestHarness<FlowRow[], InventoryUpdate, FlowRow[]> enrich =
                        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                                new BroadcastEnrichFunction(0), InventoryReceiver.FILES)) {
            enrich.processElement(new FlowRow[] {row(5000, T0 + 60)}, 0);
            assertThat(enrich.extractOutputValues())
                    .as("no inventory yet: the record waits")
                    .isEmpty();

            tick(reader, enrich, 1);
            assertThat(owners(enrich)).containsExactly("5000 i-one");
            assertThat(reader.getSideOutput(InventoryWatcher.ENIS)).hasSize(1);

            // The interface moves to another instance from T1 on.
            long t1 = T0 + 3600;
            InventoryFiles.write(
                    snapshot(t1, "i-two"),
                    root.resolve(Instant.ofEpochSecond(t1).toString()));
            tick(reader, enrich, 2);
            enrich.processElement(new FlowRow[] {row(5001, T0 + 60), row(5002, t1 + 60)}, 0);
            assertThat(owners(enrich)).containsExactly("5000 i-one", "5001 i-one", "5002 i-two");
            assertThat(reader.getSideOutput(InventoryWatcher.ENIS)).hasSize(2);

            // A third snapshot, half written: the reader reads it, fails, and sends nothing but a commit of what was.
            long t2 = t1 + 3600;
            Path broken = root.resolve(Instant.ofEpochSecond(t2).toString());
            InventoryFiles.write(snapshot(t2, "i-three"), broken);
            Files.writeString(broken.resolve(InventoryFiles.INTERFACES), "{ \"NetworkInterfaces\": [");
            int sent = reader.extractOutputValues().size();
            tick(reader, enrich, 3);
            List<InventoryUpdate> after = reader.extractOutputValues()
                    .subList(sent, reader.extractOutputValues().size());
            assertThat(after).singleElement().satisfies(u -> {
                assertThat(u.kind).isEqualTo(InventoryUpdate.COMMIT);
                assertThat(u.version).isEqualTo(2);
            });
            enrich.processElement(new FlowRow[] {row(5003, t2 + 60)}, 0);
            assertThat(owners(enrich)).last().isEqualTo("5003 i-two");
        }
    }

    /** One tick of the reader, and whatever it sent since the last one handed to the operator. */
    private static void tick(
            OneInputStreamOperatorTestHarness<Long, InventoryUpdate> reader,
            BroadcastOperatorTestHarness<FlowRow[], InventoryUpdate, FlowRow[]> enrich,
            long tick)
            throws Exception {
        int before = reader.extractOutputValues().size();
        reader.processElement(tick, 0);
        List<InventoryUpdate> sent = reader.extractOutputValues();
        for (InventoryUpdate u : sent.subList(before, sent.size())) {
            enrich.processBroadcastElement(u, 0);
        }
    }

    private static List<String> owners(BroadcastOperatorTestHarness<FlowRow[], InventoryUpdate, FlowRow[]> h) {
        return h.extractOutputValues().stream()
                .flatMap(Arrays::stream)
                .map(r -> r.srcport + " " + r.eniOwnerId)
                .toList();
    }
}
