package io.vpcflow.ownership;

import static io.vpcflow.inventory.Enis.interfaceNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.TransitGatewayAttachment;
import io.vpcflow.inventory.VpcPeering;
import io.vpcflow.net.IpAddress;
import io.vpcflow.sg.IntentEvaluator;
import io.vpcflow.verdict.Flow;
import io.vpcflow.verdict.Judgement;
import io.vpcflow.verdict.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Private addresses repeat across VPCs (every default VPC is 172.31.0.0/16): two accounts, each with 172.31.1.10 and
 * 172.31.2.20. Account A has two EC2 instances; account B a Lambda function calling its RDS database, whose group
 * allows 5432 from the function's group.
 */
class VpcScopedAddressesTest {
    static final long T = 1_764_158_400L;
    static final String LAMBDA = "172.31.1.10";
    static final String DB = "172.31.2.20";

    static final NetworkInterface A_WEB = interfaceNamed("eni-a-web")
            .account("111122223333")
            .vpc("vpc-a")
            .instance("i-web")
            .groups("sg-a-web")
            .addresses(LAMBDA)
            .build();
    static final NetworkInterface A_APP = interfaceNamed("eni-a-app")
            .account("111122223333")
            .vpc("vpc-a")
            .instance("i-app")
            .groups("sg-a-web")
            .addresses(DB)
            .publicIp("198.51.100.20")
            .build();
    static final NetworkInterface B_LAMBDA = interfaceNamed("eni-b-lambda")
            .type("lambda")
            .description("AWS Lambda VPC ENI-orders")
            .requester("AROAEXAMPLE:orders")
            .account("444455556666")
            .vpc("vpc-b")
            .subnet("subnet-b")
            .groups("sg-b-fn")
            .addresses(LAMBDA)
            .build();
    static final NetworkInterface B_DB = interfaceNamed("eni-b-db")
            .description("RDSNetworkInterface")
            .requester("amazon-rds")
            .account("444455556666")
            .vpc("vpc-b")
            .subnet("subnet-b")
            .groups("sg-b-db")
            .addresses(DB)
            .build();

    static final List<SecurityGroup> GROUPS = List.of(
            new SecurityGroup(
                    "sg-b-db",
                    "db",
                    "",
                    "vpc-b",
                    "444455556666",
                    List.of(new SecurityGroupRule(
                            "sgr-db-from-fn", "sg-b-db", false, "tcp", 5432, 5432, null, null, null, "sg-b-fn", null)),
                    Map.of()),
            new SecurityGroup("sg-b-fn", "fn", "", "vpc-b", "444455556666", List.of(), Map.of()),
            new SecurityGroup("sg-a-web", "web", "", "vpc-a", "111122223333", List.of(), Map.of()));

    static InventorySnapshot estate(List<VpcPeering> peerings, List<TransitGatewayAttachment> attachments) {
        return new InventorySnapshot(
                null,
                true,
                List.of(),
                List.of(A_WEB, A_APP, B_LAMBDA, B_DB),
                GROUPS,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new LambdaFunction(
                        "orders",
                        "arn:aws:lambda:us-east-1:444455556666:function:orders",
                        "$LATEST",
                        "vpc-b",
                        List.of("subnet-b"),
                        List.of("sg-b-fn"))),
                peerings,
                attachments);
    }

    static final OwnershipTimeline APART = OwnershipTimeline.of(List.of(estate(List.of(), List.of())));

    @Test
    void aPrivatePeerIsTheInterfaceOfTheRecordsOwnVpc() {
        assertThat(APART.addressAt(APART.vpcIndex("vpc-b"), IpAddress.parse(LAMBDA), T)
                        .eni())
                .isEqualTo(B_LAMBDA);
        assertThat(APART.addressAt(APART.vpcIndex("vpc-a"), IpAddress.parse(LAMBDA), T)
                        .eni())
                .isEqualTo(A_WEB);
        assertThat(PeerClassifier.classify(APART, APART.vpcIndex("vpc-b"), IpAddress.parse(LAMBDA), null, T)
                        .kind())
                .isEqualTo(OwnerKind.LAMBDA);
    }

    @Test
    void anAddressOnlyAnotherVpcHoldsIsNobodyKnownAndOnlyPublicAddressesAreGlobal() {
        OwnershipTimeline onlyA = OwnershipTimeline.of(List.of(new InventorySnapshot(
                null,
                true,
                List.of(),
                List.of(A_WEB, A_APP, B_DB),
                GROUPS,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of())));
        int b = onlyA.vpcIndex("vpc-b");
        assertThat(onlyA.addressAt(b, IpAddress.parse(LAMBDA), T)).isNull();
        assertThat(onlyA.addressAt(b, IpAddress.parse("198.51.100.20"), T).eni())
                .isEqualTo(A_APP);
    }

    @Test
    void withoutTheRecordsVpcAnAddressResolvesOnlyWhenOneInterfaceHeldIt() {
        assertThat(APART.addressAt(IpAddress.parse(LAMBDA), T)).isNull();
        assertThat(APART.addressAt(IpAddress.parse("198.51.100.20"), T).eni()).isEqualTo(A_APP);
        OwnershipTimeline one = OwnershipTimeline.of(List.of(new InventorySnapshot(
                null, true, List.of(), List.of(A_WEB), GROUPS, List.of(), List.of(), List.of(), List.of(), List.of())));
        assertThat(one.addressAt(IpAddress.parse(LAMBDA), T).eni()).isEqualTo(A_WEB);
    }

    @Test
    void anActivePeeringOrASharedTransitGatewayReachesTheOtherVpcButNeverOverridesTheOwnOne() {
        NetworkInterface cOnly =
                interfaceNamed("eni-c").vpc("vpc-c").addresses("10.9.0.5").build();
        NetworkInterface own =
                interfaceNamed("eni-b-other").vpc("vpc-b").addresses("10.8.0.5").build();
        NetworkInterface dOnly =
                interfaceNamed("eni-d").vpc("vpc-d").addresses("10.8.0.5").build();
        for (var connections : List.of(
                new Object[] {List.of(new VpcPeering("pcx-1", "vpc-b", "vpc-c", "active")), List.of()}, new Object[] {
                    List.of(),
                    List.of(
                            new TransitGatewayAttachment("tgw-attach-1", "tgw-1", "vpc-b", "available"),
                            new TransitGatewayAttachment("tgw-attach-2", "tgw-1", "vpc-c", "available"))
                })) {
            @SuppressWarnings("unchecked")
            OwnershipTimeline t = OwnershipTimeline.of(List.of(new InventorySnapshot(
                    null,
                    true,
                    List.of(),
                    List.of(B_LAMBDA, cOnly, own, dOnly),
                    GROUPS,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    (List<VpcPeering>) connections[0],
                    (List<TransitGatewayAttachment>) connections[1])));
            int b = t.vpcIndex("vpc-b");
            assertThat(t.addressAt(b, IpAddress.parse("10.9.0.5"), T).eni()).isEqualTo(cOnly);
            assertThat(t.addressAt(b, IpAddress.parse("10.8.0.5"), T).eni()).isEqualTo(own);
            // From vpc-c the address is vpc-b's interface: vpc-d, which holds it too, is connected to nothing.
            assertThat(t.addressAt(t.vpcIndex("vpc-c"), IpAddress.parse("10.8.0.5"), T)
                            .eni())
                    .isEqualTo(own);
            assertThat(t.addressAt(t.vpcIndex("vpc-d"), IpAddress.parse("10.9.0.5"), T))
                    .isNull();
        }
        OwnershipTimeline pending = OwnershipTimeline.of(List.of(new InventorySnapshot(
                null,
                true,
                List.of(),
                List.of(B_LAMBDA, cOnly),
                GROUPS,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new VpcPeering("pcx-2", "vpc-b", "vpc-c", "pending-acceptance")),
                List.of())));
        assertThat(pending.addressAt(pending.vpcIndex("vpc-b"), IpAddress.parse("10.9.0.5"), T))
                .isNull();
    }

    @Test
    void aReferencedGroupMatchesTheInterfaceOfTheSameVpcSoLambdaToRdsIsIntended() {
        IntentEvaluator evaluator = new IntentEvaluator(APART);
        Flow toDb = new Flow.Values(
                "eni-b-db",
                IpAddress.parse(LAMBDA),
                IpAddress.parse(DB),
                null,
                null,
                40000,
                5432,
                6,
                Action.ACCEPT,
                LogStatus.OK,
                2,
                null,
                T,
                T + 60);
        Judgement j = evaluator.judge(toDb);
        assertThat(j.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(j.sgRuleId()).isEqualTo("sgr-db-from-fn");
    }
}
