package io.vpcflow.bench;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.BroadcastEnrichFunction;
import io.vpcflow.jobs.inventory.InventoryReceiver;
import io.vpcflow.jobs.inventory.InventoryUpdate;
import io.vpcflow.jobs.inventory.InventoryWatcher;
import io.vpcflow.net.IpAddress;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The broadcast inventory of a large estate on one task manager: {@code accounts} accounts of {@code enis} interfaces
 * each (their default VPCs reuse the same addresses) and {@code groups} security groups of 8-16 rules each, written as
 * {@code ROOT/<account>/us-east-1/<time>/} the way {@code inventory fetch --org --series} writes it. The job's inventory
 * reader reads it; {@code tasks} enrichment operators of one task manager receive what it broadcasts. Prints the heap
 * they retain together after a full collection, how long the reader took to read and send it, and how long a task
 * manager that does not run the reader takes to compile it from the files it receives. Then every account takes a
 * second snapshot (1% of its interfaces change hands) and the same is measured for it.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.main=io.vpcflow.bench.BroadcastInventoryMemory \
 *     -Dbench.heap=1g -Dbench.args="50 2000 200 4"</pre>
 */
public final class BroadcastInventoryMemory {
    private BroadcastInventoryMemory() {}

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int enis = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int tasks = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Path root = Files.createTempDirectory("broadcast-inventory");
        Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
        write(root, accounts, enis, groups, t0, 0);

        JobConfig.Inventory settings = new JobConfig.Inventory();
        settings.dir = root.toString();
        long before = usedAfterGc();
        OneInputStreamOperatorTestHarness<Long, InventoryUpdate> reader =
                ProcessFunctionTestHarnesses.forProcessFunction(new InventoryWatcher(settings, 0, false, false));
        List<BroadcastOperatorTestHarness<FlowRow[], InventoryUpdate, FlowRow[]>> receivers = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            receivers.add(ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                    new BroadcastEnrichFunction(0), InventoryReceiver.FILES));
        }
        report("first snapshot", root, reader, receivers, before, 1);

        write(root, accounts, enis, groups, t0.plusSeconds(3600), 1);
        report("second snapshot (1% moved)", root, reader, receivers, before, 2);
        reader.close();
        for (var r : receivers) {
            r.close();
        }
    }

    private static void report(
            String what,
            Path root,
            OneInputStreamOperatorTestHarness<Long, InventoryUpdate> reader,
            List<BroadcastOperatorTestHarness<FlowRow[], InventoryUpdate, FlowRow[]>> receivers,
            long before,
            long tick)
            throws Exception {
        int sentBefore = reader.extractOutputValues().size();
        long start = System.nanoTime();
        reader.processElement(tick, 0);
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        List<InventoryUpdate> all = reader.extractOutputValues();
        List<InventoryUpdate> sent = new ArrayList<>(all.subList(sentBefore, all.size()));
        long bytes = sent.stream()
                .mapToLong(u -> u.gzipped == null ? 0 : u.gzipped.length)
                .sum();
        start = System.nanoTime();
        for (var r : receivers) {
            for (InventoryUpdate u : sent) {
                r.processBroadcastElement(u, 0);
            }
        }
        long applyMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        // A task manager without the reader compiles what it receives itself: the same files from another root.
        Path copy = Files.createTempDirectory("broadcast-inventory-copy");
        copyTree(root, copy);
        start = System.nanoTime();
        LoadedInventory elsewhere = LoadedInventory.current(InventoryStore.local(copy));
        long compileMillis = (System.nanoTime() - start) / 1_000_000;
        int interfaces = elsewhere.timeline().interfaceIds().size();
        // That copy is another task manager's: empty the folder and read it again, so this JVM lets go of it.
        deleteContents(copy);
        LoadedInventory.current(InventoryStore.local(copy));
        System.out.printf(
                "%s: %,d interfaces; the reader read and sent it in %,d ms (%,d updates, %,d KiB gzipped); %d tasks "
                        + "took it in %,d ms; a task manager without the reader compiles it in %,d ms; heap retained "
                        + "by the reader and the %d tasks: %,d MiB (max heap %,d MiB)%n",
                what,
                interfaces,
                readMillis,
                sent.size(),
                bytes >> 10,
                receivers.size(),
                applyMillis,
                compileMillis,
                receivers.size(),
                (after - before) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void deleteContents(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!f.equals(dir)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(Path root, int accounts, int enis, int groups, Instant at, int generation)
            throws Exception {
        for (int a = 0; a < accounts; a++) {
            String account = String.format("%012d", 100_000_000_000L + a);
            InventoryFiles.write(
                    snapshot(account, enis, groups, at, generation),
                    root.resolve(account + "/us-east-1/" + at),
                    account,
                    "us-east-1",
                    Map.of());
        }
    }

    /** One account's default VPC: the same addresses in every account, 1% of the interfaces moved per generation. */
    private static InventorySnapshot snapshot(String account, int enis, int groupCount, Instant at, int generation) {
        Random random = new Random(account.hashCode());
        int[] ports = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9092};
        String vpc = "vpc-" + account;
        List<SecurityGroup> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            String gid = String.format("sg-%s%05x", account.substring(7), g);
            List<SecurityGroupRule> rules = new ArrayList<>();
            int n = 8 + random.nextInt(9);
            for (int r = 0; r < n; r++) {
                boolean egress = r == n - 1;
                int port = ports[random.nextInt(ports.length)];
                String id = String.format("sgr-%s%06x", account.substring(7), g * 32 + r);
                boolean referenced = !egress && random.nextInt(3) == 0;
                rules.add(new SecurityGroupRule(
                        id,
                        gid,
                        egress,
                        egress ? "-1" : "tcp",
                        egress ? -1 : port,
                        egress ? -1 : port,
                        referenced ? null : egress ? "0.0.0.0/0" : "172.31." + random.nextInt(256) + ".0/24",
                        null,
                        null,
                        referenced
                                ? String.format("sg-%s%05x", account.substring(7), random.nextInt(groupCount))
                                : null,
                        "rule " + r));
            }
            groups.add(new SecurityGroup(gid, "group-" + g, "security group " + g, vpc, account, rules, Map.of()));
        }
        List<NetworkInterface> list = new ArrayList<>();
        for (int i = 0; i < enis; i++) {
            boolean moved = i % 100 == generation % 100 && generation > 0;
            List<String> sgs = new ArrayList<>();
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                sgs.add(groups.get(random.nextInt(groupCount)).id());
            }
            list.add(new NetworkInterface(
                    String.format("eni-%s%05x", account.substring(4), i),
                    "interface",
                    "",
                    null,
                    false,
                    account,
                    "i-" + account.substring(4) + (moved ? "m" : "") + i,
                    account,
                    "subnet-" + account + "-" + (i % 6),
                    vpc,
                    "us-east-1a",
                    sgs,
                    List.of(IpAddress.ofV4(0xAC1F_0000L + 16 + i)),
                    List.of(),
                    i % 10 == 0 ? IpAddress.ofV4(0x3400_0000L + (Long.parseLong(account) % 1000) * 65536 + i) : null,
                    Map.of("Name", "host-" + i),
                    "in-use",
                    null));
        }
        return new InventorySnapshot(
                at, true, List.of(), list, groups, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
