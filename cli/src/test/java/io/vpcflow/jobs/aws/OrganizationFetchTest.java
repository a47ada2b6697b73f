package io.vpcflow.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vpcflow.cli.CliRun;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.testing.LocalAwsEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organisation read through the real SDK clients (STS, EC2, Lambda) and Organizations' JSON 1.1 wire format on a
 * local endpoint: each member account's role assumed, one account's role refused, one region throttled (and retried),
 * one region failing.
 */
class OrganizationFetchTest {
    static final String A = "111122223333";
    static final String SUSPENDED = "222233334444";
    static final String B = "444455556666";
    static final String DENIED = "555566667777";

    @TempDir
    Path dir;

    @BeforeAll
    static void credentialsFromTheDefaultChain() {
        System.setProperty("aws.accessKeyId", "AKIDMANAGEMENT");
        System.setProperty("aws.secretAccessKey", "management-secret");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static String enis(String id, String account, String ip) {
        return "<networkInterfaceSet><item><networkInterfaceId>" + id + "</networkInterfaceId>"
                + "<subnetId>subnet-1</subnetId><vpcId>vpc-default</vpcId><availabilityZone>us-east-1a"
                + "</availabilityZone><ownerId>" + account + "</ownerId><privateIpAddress>" + ip
                + "</privateIpAddress><interfaceType>interface</interfaceType><attachment><instanceId>i-" + id
                + "</instanceId></attachment></item></networkInterfaceSet>";
    }

    static LocalAwsEndpoint organisation() throws Exception {
        return new LocalAwsEndpoint()
                .pages(
                        "ListAccounts",
                        "{\"Accounts\":[{\"Id\":\"" + A + "\",\"Status\":\"ACTIVE\"},{\"Id\":\"" + SUSPENDED
                                + "\",\"Status\":\"SUSPENDED\"}]}",
                        "{\"Accounts\":[{\"Id\":\"" + B + "\",\"State\":\"ACTIVE\"},{\"Id\":\"" + DENIED
                                + "\",\"Status\":\"ACTIVE\"}]}")
                .denyRole(DENIED)
                // Both accounts' default VPCs use the same addresses.
                .pagesFor("AKID" + A, "DescribeNetworkInterfaces", enis("eni-a", A, "172.31.1.10"))
                .pagesFor("AKID" + B, "DescribeNetworkInterfaces", enis("eni-b", B, "172.31.1.10"))
                .throttleFor("AKID" + B + "@eu-west-1", "DescribeNetworkInterfaces", 2)
                .failFor("AKID" + A + "@eu-west-1", "DescribeSecurityGroups", 500)
                .pages(
                        "DescribeVpcPeeringConnections",
                        "<vpcPeeringConnectionSet><item><vpcPeeringConnectionId>pcx-1</vpcPeeringConnectionId>"
                                + "<requesterVpcInfo><vpcId>vpc-a</vpcId></requesterVpcInfo><accepterVpcInfo><vpcId>"
                                + "vpc-b</vpcId></accepterVpcInfo><status><code>active</code></status></item>"
                                + "</vpcPeeringConnectionSet>");
    }

    @Test
    void everyActiveAccountAndRegionIsReadThroughItsRoleAndWhatFailedIsNamedAndMarked() throws Exception {
        try (LocalAwsEndpoint aws = organisation()) {
            CliRun run = CliRun.of(
                    "inventory",
                    "fetch",
                    "--org",
                    "--role-name",
                    "vpcflow-reader",
                    "--external-id",
                    "ext-42",
                    "--regions",
                    "us-east-1,eu-west-1",
                    "--parallelism",
                    "3",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    aws.uri().toString(),
                    "--out",
                    dir.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.err().lines().toList())
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("vpcflow: account " + DENIED + " in us-east-1: AssumeRole failed: ")
                            .contains("AccessDenied"))
                    .anySatisfy(l -> assertThat(l).startsWith("vpcflow: account " + DENIED + " in eu-west-1: "))
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("vpcflow: account " + A + " in eu-west-1: DescribeSecurityGroups failed"))
                    .contains("vpcflow: 3 of 6 account-regions are incomplete (marked so in their "
                            + "vpcflow-snapshot.json); the others are whole");
            assertThat(run.err()).doesNotContain("secret").doesNotContain("software.amazon");

            // Each member account's role, with the external id; the suspended account is not read.
            assertThat(aws.requests())
                    .filteredOn(r -> "AssumeRole".equals(r.get("Action")))
                    .extracting(r -> r.get("RoleArn"), r -> r.get("ExternalId"), r -> r.get("AccessKey"))
                    .containsExactlyInAnyOrder(
                            tuple("arn:aws:iam::" + A + ":role/vpcflow-reader", "ext-42", "AKIDMANAGEMENT"),
                            tuple("arn:aws:iam::" + B + ":role/vpcflow-reader", "ext-42", "AKIDMANAGEMENT"),
                            tuple("arn:aws:iam::" + DENIED + ":role/vpcflow-reader", "ext-42", "AKIDMANAGEMENT"));
            // Each estate is read with its account's credentials in its own region; the throttled one was retried.
            assertThat(aws.requests())
                    .filteredOn(r -> "DescribeNetworkInterfaces".equals(r.get("Action")))
                    .extracting(r -> r.get("AccessKey") + "@" + r.get("Region"))
                    .containsOnly(
                            "AKID" + A + "@us-east-1",
                            "AKID" + A + "@eu-west-1",
                            "AKID" + B + "@us-east-1",
                            "AKID" + B + "@eu-west-1")
                    .filteredOn(k -> k.equals("AKID" + B + "@eu-west-1"))
                    .hasSize(3);

            List<Estate> estates = InventoryFiles.estates(dir);
            assertThat(estates)
                    .extracting(
                            Estate::account,
                            Estate::region,
                            e -> e.snapshots().get(0).complete())
                    .containsExactlyInAnyOrder(
                            tuple(A, "eu-west-1", false),
                            tuple(A, "us-east-1", true),
                            tuple(B, "eu-west-1", true),
                            tuple(B, "us-east-1", true),
                            tuple(DENIED, "eu-west-1", false),
                            tuple(DENIED, "us-east-1", false));
            InventorySnapshot denied = estates.stream()
                    .filter(e -> e.account().equals(DENIED))
                    .findFirst()
                    .orElseThrow()
                    .snapshots()
                    .get(0);
            assertThat(denied.failedCalls()).containsExactly(InventorySnapshot.ASSUME_ROLE);
            assertThat(denied.listsInterfaces()).isFalse();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(dir.resolve(DENIED + "/us-east-1/" + InventoryFiles.META)
                                    .toFile())
                            .path("errors")
                            .path("AssumeRole")
                            .asText())
                    .contains("AccessDenied");

            // Read back as one timeline: both accounts' interfaces, the peering, nothing of the denied account.
            LoadedInventory loaded = LoadedInventory.current(dir.toString());
            assertThat(loaded.timeline().interfaceIds()).containsExactlyInAnyOrder("eni-a", "eni-b");
            assertThat(loaded.timeline().snapshots().get(0).peerings())
                    .singleElement()
                    .satisfies(p -> assertThat(p.active()).isTrue());
            CliRun show = CliRun.of("inventory", "show", dir.toString());
            assertThat(show.err())
                    .contains("vpcflow: warning: account " + DENIED + " in us-east-1: no snapshot lists its network "
                            + "interfaces, so its records are unattributed");
        }
    }

    @Test
    void givenAccountsAndEveryEnabledRegion() throws Exception {
        try (LocalAwsEndpoint aws = organisation()
                .pagesFor(
                        "AKID" + A,
                        "DescribeRegions",
                        "<regionInfo><item><regionName>eu-west-1</regionName></item><item><regionName>ap-south-1"
                                + "</regionName></item></regionInfo>")) {
            CliRun run = CliRun.of(
                    "inventory",
                    "fetch",
                    "--accounts",
                    A,
                    "--role-name",
                    "path/vpcflow-reader",
                    "--regions",
                    "all",
                    "--series",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    aws.uri().toString(),
                    "--out",
                    dir.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(1); // eu-west-1 fails DescribeSecurityGroups
            assertThat(aws.count("ListAccounts")).isZero();
            assertThat(InventoryFiles.estates(dir))
                    .extracting(
                            Estate::account, Estate::region, e -> e.snapshots().size())
                    .containsExactly(tuple(A, "ap-south-1", 1), tuple(A, "eu-west-1", 1));
            assertThat(aws.requests())
                    .filteredOn(r -> "AssumeRole".equals(r.get("Action")))
                    .extracting(r -> r.get("RoleArn"))
                    .containsExactly("arn:aws:iam::" + A + ":role/path/vpcflow-reader");
        }
    }

    @Test
    void mistakesAreOneSentence() {
        Map<List<String>, String> mistakes = Map.of(
                List.of("--accounts", "1234", "--role-name", "r"),
                "vpcflow: --accounts takes 12-digit account ids; 1234 is not one",
                List.of("--org"),
                "vpcflow: --accounts and --org read each account through a role: give --role-name",
                List.of("--accounts", A, "--org", "--role-name", "r"),
                "vpcflow: give --accounts or --org, not both",
                List.of("--regions", "us-east-1"),
                "vpcflow: --role-name, --external-id and --regions read other accounts: give --accounts or --org",
                List.of("--org", "--role-name", "r", "--regions", "../etc"),
                "vpcflow: --regions takes region names such as us-east-1, or all; ../etc is not one");
        mistakes.forEach((args, sentence) -> {
            List<String> all = new java.util.ArrayList<>(List.of("inventory", "fetch", "--out", dir.toString()));
            all.addAll(args);
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exit()).as(args.toString()).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo(sentence);
        });
    }
}
