package io.vpcflow.bench;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The heap that attribution and intent state take for a large estate: an inventory series of
 * {@code snapshots} hourly snapshots (1% of the interfaces change hands in each), each of {@code enis} interfaces (1-3 groups, 1-2 private addresses, every
 * tenth with a public address, a Name tag) and {@code groups} security groups of 8-16 rules, written as the
 * AWS CLI files and read back the way the job reads them, then compiled into the timeline and evaluator
 * the job keeps. Prints the heap retained after a full collection. Run it with the heap the target allows:
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.main=io.vpcflow.bench.AttributionMemory \
 *     -Dbench.heap=1g -Dbench.args="100000 10000 2"</pre>
 */
public final class AttributionMemory {
    private AttributionMemory() {}

    public static void main(String[] args) throws Exception {
        int enis = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int snapshots = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = Files.createTempDirectory("attribution-memory");
        long t0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
        for (int s = 0; s < snapshots; s++) {
            InventoryFiles.write(
                    snapshot(enis, groups, Instant.ofEpochSecond(t0 + 3600L * s), s),
                    dir.resolve(Instant.ofEpochSecond(t0 + 3600L * s).toString()));
        }
        long before = usedAfterGc();
        long start = System.nanoTime();
        OwnershipTimeline timeline = OwnershipTimeline.of(InventoryFiles.read(dir));
        IntentEvaluator evaluator = new IntentEvaluator(timeline);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        System.out.printf(
                "%,d interfaces, %,d security groups, %d snapshot(s): attribution state %,d MiB of heap "
                        + "(max heap %,d MiB), read and compiled in %,d ms%n",
                enis,
                groups,
                snapshots,
                (after - before) >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                loadMillis);
        // Keep both reachable until measured.
        if (timeline.interfaceIds().isEmpty() || evaluator == null) {
            throw new AssertionError("nothing loaded");
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The same estate every time, but for 1% of the interfaces, moved to another instance in each snapshot. */
    private static InventorySnapshot snapshot(int enis, int groupCount, Instant at, int generation) {
        Random random = new Random(1);
        int[] ports = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9092};
        List<SecurityGroup> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            List<SecurityGroupRule> rules = new ArrayList<>();
            int n = 8 + random.nextInt(9);
            for (int r = 0; r < n; r++) {
                boolean egress = r == n - 1;
                int port = ports[random.nextInt(ports.length)];
                String id = String.format("sgr-%017x", (long) g * 32 + r);
                String gid = String.format("sg-%017x", g);
                rules.add(
                        switch (egress ? 0 : random.nextInt(3)) {
                            case 0 ->
                                new SecurityGroupRule(
                                        id,
                                        gid,
                                        egress,
                                        egress ? "-1" : "tcp",
                                        egress ? -1 : port,
                                        egress ? -1 : port,
                                        "0.0.0.0/0",
                                        null,
                                        null,
                                        null,
                                        "open");
                            case 1 ->
                                new SecurityGroupRule(
                                        id,
                                        gid,
                                        false,
                                        "tcp",
                                        port,
                                        port,
                                        "10." + random.nextInt(256) + ".0.0/16",
                                        null,
                                        null,
                                        null,
                                        "from the VPC");
                            default ->
                                new SecurityGroupRule(
                                        id,
                                        gid,
                                        false,
                                        "tcp",
                                        port,
                                        port,
                                        null,
                                        null,
                                        null,
                                        String.format("sg-%017x", random.nextInt(groupCount)),
                                        null);
                        });
            }
            groups.add(new SecurityGroup(
                    String.format("sg-%017x", g),
                    "group-" + g,
                    "security group " + g,
                    "vpc-1",
                    "123456789012",
                    rules,
                    Map.of("team", "team-" + (g % 40))));
        }
        List<NetworkInterface> list = new ArrayList<>();
        for (int i = 0; i < enis; i++) {
            List<String> sgs = new ArrayList<>();
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                sgs.add(String.format("sg-%017x", random.nextInt(groupCount)));
            }
            List<IpAddress> addresses = random.nextInt(4) == 0
                    ? List.of(IpAddress.ofV4(0x0A00_0000L + 2L * i), IpAddress.ofV4(0x0A00_0000L + 2L * i + 1))
                    : List.of(IpAddress.ofV4(0x0A00_0000L + 2L * i));
            IpAddress publicIp = i % 10 == 0 ? IpAddress.ofV4(0x3400_0000L + i) : null;
            long instance = i % 100 == generation ? i + 1_000_000L * generation : i;
            list.add(new NetworkInterface(
                    String.format("eni-%017x", i),
                    "interface",
                    "Primary network interface",
                    null,
                    false,
                    "123456789012",
                    String.format("i-%017x", instance),
                    null,
                    "subnet-" + (i % 500),
                    "vpc-1",
                    "us-east-1" + (char) ('a' + i % 3),
                    sgs,
                    addresses,
                    List.of(),
                    publicIp,
                    Map.of("Name", "host-" + i),
                    "in-use",
                    null));
        }
        return new InventorySnapshot(
                at, true, List.of(), list, groups, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
