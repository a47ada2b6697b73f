package io.vpcflow.bench;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnershipTimeline;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time-aware ownership lookups: the interface of a record (by the id's bytes in the line buffer) and
 * the holder of an IPv4 address, at the record's time, over a series of three snapshots. One operation
 * is one lookup.
 *
 * <pre>mvn -B -q -pl bench -Pbench test-compile exec:exec -Dbench.args=OwnershipBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OwnershipBenchmark {
    static final int LOOKUPS = 10_000;

    @Param({"10000", "100000"})
    int enis;

    OwnershipTimeline timeline;
    byte[] ids;
    int[] idOffset;
    int[] idLength;
    long[] addresses;
    long[] times;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        long t0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
        List<InventorySnapshot> snapshots = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<NetworkInterface> list = new ArrayList<>();
            for (int i = 0; i < enis; i++) {
                // Every snapshot moves 1% of the interfaces to another instance.
                String instance = "i-" + (i % 100 == s ? "moved" + s + "-" : "") + i;
                list.add(new NetworkInterface(
                        eniId(i),
                        "interface",
                        "",
                        null,
                        false,
                        "123456789012",
                        instance,
                        null,
                        "subnet-" + (i % 50),
                        "vpc-1",
                        "us-east-1a",
                        List.of("sg-" + (i % 300)),
                        List.of(IpAddress.ofV4(0x0A00_0000L + i)),
                        List.of(),
                        null,
                        Map.of(),
                        "in-use",
                        null));
            }
            snapshots.add(new InventorySnapshot(
                    Instant.ofEpochSecond(t0 + 3600L * s),
                    true,
                    List.of(),
                    list,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()));
        }
        timeline = OwnershipTimeline.of(snapshots);
        vpc = timeline.vpcIndex("vpc-1");

        StringBuilder sb = new StringBuilder();
        idOffset = new int[LOOKUPS];
        idLength = new int[LOOKUPS];
        addresses = new long[LOOKUPS];
        times = new long[LOOKUPS];
        for (int k = 0; k < LOOKUPS; k++) {
            int i = random.nextInt(enis);
            idOffset[k] = sb.length();
            String id = eniId(i);
            idLength[k] = id.length();
            sb.append(id).append(' ');
            addresses[k] = 0x0A00_0000L + random.nextInt(enis);
            times[k] = t0 - 600 + random.nextInt(4 * 3600);
        }
        ids = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String eniId(int i) {
        return String.format("eni-%017x", 0x0a1b_0000_0000L + i);
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public int interfaceById() {
        int found = 0;
        for (int k = 0; k < LOOKUPS; k++) {
            if (timeline.interfaceAt(ids, idOffset[k], idLength[k], times[k]) != null) {
                found++;
            }
        }
        return found;
    }

    /** The VPC the records are seen from: a peer address is looked for there. */
    private int vpc;

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public int interfaceByAddress() {
        int found = 0;
        for (int k = 0; k < LOOKUPS; k++) {
            if (timeline.addressAt(vpc, IpAddress.V4, 0, addresses[k], times[k]) != null) {
                found++;
            }
        }
        return found;
    }
}
