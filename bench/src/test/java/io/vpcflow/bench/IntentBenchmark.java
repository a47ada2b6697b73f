package io.vpcflow.bench;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Flow;
import io.vpcflow.verdict.Judgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The intent evaluator on a realistic rule set: 300 security groups of 8-16 rules (CIDRs, a prefix list,
 * references to other groups), 3,000 interfaces with 1-3 groups each, two snapshots; flows in and out,
 * with and without TCP flags. One operation is one judged record.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=IntentBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IntentBenchmark {
    static final int FLOWS = 10_000;
    static final int GROUPS = 300;
    static final int ENIS = 3_000;

    IntentEvaluator evaluator;
    Flow[] flows;

    @Setup
    public void setUp() {
        Random random = new Random(5);
        long t0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
        int[] ports = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9092};
        List<SecurityGroup> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            List<SecurityGroupRule> rules = new ArrayList<>();
            int n = 8 + random.nextInt(9);
            for (int r = 0; r < n; r++) {
                boolean egress = r == n - 1;
                int port = ports[random.nextInt(ports.length)];
                String id = "sgr-" + g + "-" + r;
                String gid = "sg-" + g;
                switch (egress ? 0 : random.nextInt(4)) {
                    case 0 ->
                        rules.add(new SecurityGroupRule(
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
                                null));
                    case 1 ->
                        rules.add(new SecurityGroupRule(
                                id,
                                gid,
                                false,
                                "tcp",
                                port,
                                port,
                                "10." + random.nextInt(4) + ".0.0/16",
                                null,
                                null,
                                null,
                                null));
                    case 2 ->
                        rules.add(new SecurityGroupRule(
                                id, gid, false, "tcp", port, port, null, null, "pl-office", null, null));
                    default ->
                        rules.add(new SecurityGroupRule(
                                id,
                                gid,
                                false,
                                "tcp",
                                port,
                                port,
                                null,
                                null,
                                null,
                                "sg-" + random.nextInt(GROUPS),
                                null));
                }
            }
            groups.add(new SecurityGroup("sg-" + g, "g" + g, "", "vpc-1", "1", rules, Map.of()));
        }
        List<NetworkInterface> enis = new ArrayList<>();
        for (int i = 0; i < ENIS; i++) {
            List<String> sgs = new ArrayList<>();
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                sgs.add("sg-" + random.nextInt(GROUPS));
            }
            enis.add(new NetworkInterface(
                    "eni-" + i,
                    "interface",
                    "",
                    null,
                    false,
                    "1",
                    "i-" + i,
                    null,
                    "subnet-1",
                    "vpc-1",
                    "az",
                    sgs,
                    List.of(IpAddress.ofV4(0x0A00_0000L + i)),
                    List.of(),
                    null,
                    Map.of(),
                    "in-use",
                    null));
        }
        List<PrefixList> pls = List.of(new PrefixList(
                "pl-office", "office", "IPv4", List.of("198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24")));
        List<InventorySnapshot> snapshots = List.of(
                new InventorySnapshot(
                        Instant.ofEpochSecond(t0),
                        true,
                        List.of(),
                        enis,
                        groups,
                        List.of(),
                        List.of(),
                        List.of(),
                        pls,
                        List.of()),
                new InventorySnapshot(
                        Instant.ofEpochSecond(t0 + 3600),
                        true,
                        List.of(),
                        enis,
                        groups,
                        List.of(),
                        List.of(),
                        List.of(),
                        pls,
                        List.of()));
        evaluator = new IntentEvaluator(OwnershipTimeline.of(snapshots));

        flows = new Flow[FLOWS];
        for (int k = 0; k < FLOWS; k++) {
            int i = random.nextInt(ENIS);
            IpAddress local = IpAddress.ofV4(0x0A00_0000L + i);
            IpAddress remote = random.nextBoolean()
                    ? IpAddress.ofV4(0x0A00_0000L + random.nextInt(ENIS))
                    : IpAddress.ofV4(0xCB00_7100L + random.nextInt(256));
            boolean ingress = random.nextBoolean();
            int service = ports[random.nextInt(ports.length)];
            int client = 32768 + random.nextInt(28000);
            int flags = random.nextInt(3) == 0 ? -1 : random.nextBoolean() ? 2 : 0;
            Action action = random.nextInt(10) == 0 ? Action.REJECT : Action.ACCEPT;
            long start = t0 + random.nextInt(7200);
            flows[k] = ingress
                    ? new Flow.Values(
                            "eni-" + i,
                            remote,
                            local,
                            null,
                            null,
                            client,
                            service,
                            6,
                            action,
                            LogStatus.OK,
                            flags,
                            null,
                            start,
                            start + 60)
                    : new Flow.Values(
                            "eni-" + i,
                            local,
                            remote,
                            null,
                            null,
                            client,
                            service,
                            6,
                            action,
                            LogStatus.OK,
                            flags,
                            null,
                            start,
                            start + 60);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void judge(Blackhole bh) {
        for (Flow f : flows) {
            Judgement j = evaluator.judge(f);
            bh.consume(j);
        }
    }
}
