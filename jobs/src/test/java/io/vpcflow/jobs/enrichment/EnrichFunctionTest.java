package io.vpcflow.jobs.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichFunctionTest {
    private static final long T = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    @BeforeEach
    void inventory() throws Exception {
        NetworkInterface web = Enis.interfaceNamed("eni-web")
                .account("1")
                .instance("i-web")
                .zone("az")
                .groups("sg-web")
                .addresses("10.0.1.10")
                .tags(Map.of("Name", "web-1"))
                .build();
        NetworkInterface fn = Enis.interfaceNamed("eni-fn")
                .type("lambda")
                .description("AWS Lambda VPC ENI-a")
                .account("1")
                .zone("az")
                .groups("sg-fn")
                .addresses("10.0.1.30")
                .build();
        SecurityGroup sg = new SecurityGroup(
                "sg-web",
                "web",
                "",
                "vpc-1",
                "1",
                List.of(new SecurityGroupRule(
                        "sgr-out", "sg-web", true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null)),
                Map.of());
        SecurityGroup sgFn = new SecurityGroup(
                "sg-fn",
                "fn",
                "",
                "vpc-1",
                "1",
                List.of(new SecurityGroupRule(
                        "sgr-fn-out", "sg-fn", true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null)),
                Map.of());
        List<LambdaFunction> fns = List.of(
                new LambdaFunction("a", "arn:a", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-fn")),
                new LambdaFunction("b", "arn:b", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-fn")),
                new LambdaFunction("c", "arn:c", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-fn")));
        InventoryFiles.write(
                new InventorySnapshot(
                        Instant.ofEpochSecond(T),
                        true,
                        List.of(),
                        List.of(web, fn),
                        List.of(sg, sgFn),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        fns),
                dir);
    }

    @Test
    void aLongConnectionsLaterWindowIsJudgedWithTheInitiatorLearntFromItsSyn() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FlowRow, FlowRow[]> h = harness()) {
            // The web server opens a connection from port 3000 to 5000: the SYN window says so.
            h.processElement(row("10.0.1.10", 3000, "203.0.113.9", 5000, 2, T), T * 1000);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            // Ten minutes later, the answer comes in without flags; ports alone would read it as inbound to 3000.
            h.processElement(row("203.0.113.9", 5000, "10.0.1.10", 3000, 0, T + 600), (T + 600) * 1000);
            List<FlowRow> out = rows(h);
            assertThat(out).extracting(r -> r.verdict).containsExactly(Verdict.ALLOWED, Verdict.ALLOWED);
            assertThat(out.get(1).initiator).isEqualTo(Initiator.LOCAL);
            assertThat(out.get(1).direction).isEqualTo(Direction.INGRESS);
        }
    }

    @Test
    void withoutTheSynWindowTheSameRecordLooksUnexpected() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FlowRow, FlowRow[]> h = harness()) {
            h.processElement(row("203.0.113.9", 5000, "10.0.1.10", 3000, 0, T + 600), (T + 600) * 1000);
            assertThat(rows(h)).singleElement().satisfies(r -> {
                assertThat(r.verdict).isEqualTo(Verdict.UNEXPECTED_ACCEPT);
                assertThat(r.verdictReason).isEqualTo(VerdictReason.RESPONSE_TRAFFIC);
            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void fillsOwnerPeerAndLambdaFunctions() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FlowRow, FlowRow[]> h = harness()) {
            h.processElement(row("10.0.1.30", 40000, "10.0.1.10", 443, 2, T), T * 1000);
            FlowRow r = rows(h).get(0);
            assertThat(r.eniOwnerKind).isEqualTo(OwnerKind.LAMBDA);
            assertThat(r.lambdaFunctions).containsExactly("a", "b", "c");
            assertThat(r.peerAddr).hasToString("10.0.1.10");
            assertThat(r.peerOwnerKind).isEqualTo(OwnerKind.EC2_INSTANCE);
            assertThat(r.peerOwnerId).isEqualTo("i-web");
            assertThat(r.vpcId).as("the record had no vpc-id").isNull();
            assertThat(r.eniVpcId).isEqualTo("vpc-1");
            assertThat(r.sgRuleId).isEqualTo("sgr-fn-out");
        }
    }

    @Test
    void recordsWithoutTcpFlagsAreEnrichedWhereTheyAreAndTheRestGoToConnectionState() throws Exception {
        try (OneInputStreamOperatorTestHarness<FlowRow[], FlowRow[]> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new EnrichFunction(dir.toString()))) {
            FlowRow noFlags = row("10.0.1.30", 40000, "10.0.1.10", 443, -1, T);
            FlowRow udpWithFlags = row("10.0.1.10", 5353, "203.0.113.9", 53, 0, T);
            udpWithFlags.protocol = 17;
            FlowRow syn = row("10.0.1.10", 3000, "203.0.113.9", 5000, 2, T);
            h.processElement(new FlowRow[] {noFlags, syn, udpWithFlags}, T * 1000);
            h.processElement(new FlowRow[] {row("10.0.1.10", 3001, "203.0.113.9", 5000, 2, T)}, T * 1000);
            assertThat(h.extractOutputValues())
                    .as("one batch in, one batch out, none for a batch left with no rows")
                    .singleElement()
                    .satisfies(batch -> assertThat(batch).hasSize(2));
            assertThat(rows(h))
                    .extracting(
                            r -> r.srcport + " " + r.eniOwnerKind.code() + " " + r.verdict.code() + " " + r.sgRuleId)
                    .containsExactly("40000 lambda allowed sgr-fn-out", "5353 ec2_instance allowed sgr-out");
            assertThat(h.getSideOutput(EnrichFunction.NEEDS_CONNECTION_STATE))
                    .extracting(r -> r.getValue().srcport)
                    .containsExactly(3000, 3001);
            assertThat(h.getSideOutput(EnrichFunction.NEEDS_CONNECTION_STATE))
                    .allSatisfy(r -> assertThat(r.getValue().verdict)
                            .as("left for the connection-keyed operator")
                            .isNull());
        }
    }

    @Test
    void tasksShareOneLoadedInventoryUntilTheFolderChanges() throws Exception {
        LoadedInventory first = LoadedInventory.current(dir.toString());
        assertThat(LoadedInventory.current(dir.toString())).isSameAs(first);
        java.nio.file.Files.writeString(dir.resolve(InventoryFiles.INTERFACES), "{\"NetworkInterfaces\": []}");
        assertThat(LoadedInventory.current(dir.toString())).isNotSameAs(first);
    }

    @Test
    void bothDirectionsOfAConnectionShareAKey() {
        assertThat(ConnectionEnrichFunction.connectionKey(row("10.0.1.10", 3000, "203.0.113.9", 5000, 0, T)))
                .isEqualTo(ConnectionEnrichFunction.connectionKey(row("203.0.113.9", 5000, "10.0.1.10", 3000, 0, T)));
    }

    /** The rows of every batch the operator sent, in order. */
    static List<FlowRow> rows(AbstractStreamOperatorTestHarness<FlowRow[]> h) {
        return h.extractOutputValues().stream().flatMap(Arrays::stream).toList();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, FlowRow, FlowRow[]> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ConnectionEnrichFunction(dir.toString(), 3600),
                ConnectionEnrichFunction::connectionKey,
                Types.STRING);
    }

    private static FlowRow row(String src, int srcPort, String dst, int dstPort, int flags, long start) {
        FlowRow r = new FlowRow();
        r.accountId = "1";
        r.interfaceId = src.equals("10.0.1.30") ? "eni-fn" : "eni-web";
        r.srcaddr = IpAddress.parse(src);
        r.dstaddr = IpAddress.parse(dst);
        r.srcport = srcPort;
        r.dstport = dstPort;
        r.protocol = 6;
        r.packets = 1;
        r.bytes = 60;
        r.start = start;
        r.end = start + 60;
        r.action = Action.ACCEPT;
        r.logStatus = LogStatus.OK;
        r.tcpFlags = flags;
        return r;
    }

    @Test
    void aConnectionsInitiatorIsForgottenAfterItsTtlAndSweptOneEntryPerUse() {
        StateTtlConfig ttl = ConnectionEnrichFunction.initiatorState(600).getTtlConfig();
        assertThat(ttl.isEnabled()).isTrue();
        assertThat(ttl.getTimeToLive()).isEqualTo(Duration.ofSeconds(600));
        assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnReadAndWrite);
        assertThat(ttl.getCleanupStrategies().getIncrementalCleanupStrategy().getCleanupSize())
                .isEqualTo(1);
    }
}
