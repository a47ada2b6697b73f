package io.vpcflow.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.cli.CliRun;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.ownership.OwnershipTimeline;
import io.vpcflow.testing.LocalAwsEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK clients against a local endpoint that answers in EC2's and Lambda's wire formats. */
class InventoryFetchTest {
    private static final String ENIS_PAGE_1 = """
            <networkInterfaceSet>
              <item>
                <networkInterfaceId>eni-web</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
                <availabilityZone>us-east-1a</availabilityZone><description>web server</description>
                <ownerId>123456789012</ownerId><requesterManaged>false</requesterManaged><status>in-use</status>
                <privateIpAddress>10.0.1.10</privateIpAddress>
                <groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item></groupSet>
                <attachment><attachmentId>eni-attach-1</attachmentId><instanceId>i-0web</instanceId>
                  <instanceOwnerId>123456789012</instanceOwnerId><deviceIndex>0</deviceIndex><status>attached</status></attachment>
                <association><publicIp>203.0.113.10</publicIp></association>
                <tagSet><item><key>Name</key><value>web-1</value></item></tagSet>
                <privateIpAddressesSet>
                  <item><privateIpAddress>10.0.1.10</privateIpAddress><primary>true</primary></item>
                  <item><privateIpAddress>10.0.1.11</privateIpAddress><primary>false</primary></item>
                </privateIpAddressesSet>
                <ipv6AddressesSet><item><ipv6Address>2001:db8::10</ipv6Address></item></ipv6AddressesSet>
                <interfaceType>interface</interfaceType>
              </item>
              <item>
                <networkInterfaceId>eni-nat</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
                <description>Interface for NAT Gateway nat-0123</description><requesterId>441234567890</requesterId>
                <requesterManaged>true</requesterManaged><privateIpAddress>10.0.0.220</privateIpAddress>
                <privateIpAddressesSet><item><privateIpAddress>10.0.0.220</privateIpAddress><primary>true</primary></item></privateIpAddressesSet>
                <interfaceType>nat_gateway</interfaceType>
                <operator><managed>true</managed><principal>nat-gateway.amazonaws.com</principal></operator>
              </item>
            </networkInterfaceSet>""";
    private static final String ENIS_PAGE_2 = """
            <networkInterfaceSet>
              <item>
                <networkInterfaceId>eni-lambda</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
                <description>AWS Lambda VPC ENI-orders</description><requesterManaged>false</requesterManaged>
                <groupSet><item><groupId>sg-fn</groupId></item></groupSet>
                <privateIpAddress>10.0.1.50</privateIpAddress><interfaceType>lambda</interfaceType>
              </item>
              <item>
                <networkInterfaceId>eni-odd</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
                <description>Quantum relay</description><requesterId>123</requesterId><requesterManaged>true</requesterManaged>
                <privateIpAddress>10.0.1.60</privateIpAddress><interfaceType>quantum_link</interfaceType>
              </item>
            </networkInterfaceSet>""";
    private static final String GROUPS = """
            <securityGroupInfo>
              <item><ownerId>123456789012</ownerId><groupId>sg-web</groupId><groupName>web</groupName>
                <groupDescription>web tier</groupDescription><vpcId>vpc-1</vpcId>
                <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>
                  <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions>
                <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>
                  <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
              </item>
              <item><ownerId>123456789012</ownerId><groupId>sg-fn</groupId><groupName>fn</groupName>
                <groupDescription>functions</groupDescription><vpcId>vpc-1</vpcId>
                <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>
                  <prefixListIds><item><prefixListId>pl-office</prefixListId></item></prefixListIds></item></ipPermissions>
              </item>
            </securityGroupInfo>""";
    private static final String RULES = """
            <securityGroupRuleSet>
              <item><securityGroupRuleId>sgr-0443</securityGroupRuleId><groupId>sg-web</groupId>
                <groupOwnerId>123456789012</groupOwnerId><isEgress>false</isEgress><ipProtocol>tcp</ipProtocol>
                <fromPort>443</fromPort><toPort>443</toPort><cidrIpv4>0.0.0.0/0</cidrIpv4></item>
              <item><securityGroupRuleId>sgr-0out</securityGroupRuleId><groupId>sg-web</groupId>
                <isEgress>true</isEgress><ipProtocol>-1</ipProtocol><fromPort>-1</fromPort><toPort>-1</toPort>
                <cidrIpv4>0.0.0.0/0</cidrIpv4></item>
            </securityGroupRuleSet>""";
    private static final String SUBNETS = """
            <subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/20</cidrBlock>
              <availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az1</availabilityZoneId>
              <ownerId>123456789012</ownerId></item></subnetSet>""";
    private static final String VPCS = """
            <vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock>
              <cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock></item></cidrBlockAssociationSet>
              <ownerId>123456789012</ownerId><isDefault>false</isDefault></item></vpcSet>""";
    private static final String PREFIX_LISTS = """
            <prefixListSet><item><prefixListId>pl-office</prefixListId><addressFamily>IPv4</addressFamily>
              <prefixListName>office</prefixListName><ownerId>123456789012</ownerId></item></prefixListSet>""";
    private static final String PREFIX_LIST_ENTRIES = """
            <entrySet><item><cidr>198.51.100.0/24</cidr><description>HQ</description></item></entrySet>""";
    private static final String FUNCTIONS_1 = """
            {"Functions":[{"FunctionName":"orders","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:orders",
              "Version":"$LATEST","VpcConfig":{"SubnetIds":["subnet-1","subnet-2"],"SecurityGroupIds":["sg-fn"],"VpcId":"vpc-1"}}]}""";
    private static final String FUNCTIONS_2 = """
            {"Functions":[{"FunctionName":"refunds","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:refunds",
              "Version":"$LATEST","VpcConfig":{"SubnetIds":["subnet-1"],"SecurityGroupIds":["sg-fn"],"VpcId":"vpc-1"}},
             {"FunctionName":"report","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:report","Version":"$LATEST"}]}""";

    @TempDir
    Path dir;

    @BeforeAll
    static void credentialsFromTheDefaultChain() {
        // The system-property link of the default chain: test credentials without touching the environment.
        System.setProperty("aws.accessKeyId", "AKIDLOCALTEST");
        System.setProperty("aws.secretAccessKey", "local-test-secret");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static LocalAwsEndpoint everythingAnswers() throws Exception {
        return new LocalAwsEndpoint()
                .pages("DescribeNetworkInterfaces", ENIS_PAGE_1, ENIS_PAGE_2)
                .pages("DescribeSecurityGroups", GROUPS)
                .pages("DescribeSecurityGroupRules", RULES)
                .pages("DescribeNetworkAcls", "<networkAclSet/>")
                .pages("DescribeSubnets", SUBNETS)
                .pages("DescribeVpcs", VPCS)
                .pages("DescribeManagedPrefixLists", PREFIX_LISTS)
                .pages("GetManagedPrefixListEntries", PREFIX_LIST_ENTRIES)
                .pages("ListFunctions", FUNCTIONS_1, FUNCTIONS_2);
    }

    @Test
    void fetchesEveryPageRetriesThrottlingAndWritesTheCliForm() throws Exception {
        try (LocalAwsEndpoint aws =
                everythingAnswers().throttle("DescribeSecurityGroups", 2).throttle("ListFunctions", 1)) {
            CliRun run = CliRun.of(
                    "inventory",
                    "fetch",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    aws.uri().toString(),
                    "--out",
                    dir.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(aws.count("DescribeNetworkInterfaces")).isEqualTo(2);
            assertThat(aws.count("DescribeSecurityGroups")).isEqualTo(3);
            assertThat(aws.count("ListFunctions")).isEqualTo(3);
            assertThat(aws.requests())
                    .filteredOn(r -> "DescribeNetworkInterfaces".equals(r.get("Action")))
                    .allSatisfy(r -> assertThat(r).containsEntry("IncludeManagedResources", "true"));
            assertThat(aws.requests())
                    .filteredOn(r -> "ListFunctions".equals(r.get("Action")))
                    .allSatisfy(r -> assertThat(r).containsEntry("FunctionVersion", "ALL"));

            InventorySnapshot s = InventoryFiles.read(dir).get(0);
            assertThat(s.complete()).isTrue();
            assertThat(s.takenAt()).isNotNull();
            assertThat(s.interfaces())
                    .extracting(NetworkInterface::id)
                    .containsExactly("eni-web", "eni-nat", "eni-lambda", "eni-odd");
            NetworkInterface web = s.interfaces().get(0);
            assertThat(web.privateIpv4()).containsExactly(IpAddress.parse("10.0.1.10"), IpAddress.parse("10.0.1.11"));
            assertThat(web.ipv6()).containsExactly(IpAddress.parse("2001:db8::10"));
            assertThat(web.publicIp()).isEqualTo(IpAddress.parse("203.0.113.10"));
            assertThat(web.instanceId()).isEqualTo("i-0web");
            assertThat(web.tags()).containsEntry("Name", "web-1");
            assertThat(s.interfaces().get(1).operator()).isEqualTo("nat-gateway.amazonaws.com");
            assertThat(s.securityGroupsById().get("sg-web").rules())
                    .extracting(r -> r.ruleId())
                    .containsExactly("sgr-0443", "sgr-0out");
            assertThat(s.securityGroupsById().get("sg-fn").rules())
                    .singleElement()
                    .satisfies(r -> assertThat(r.prefixListId()).isEqualTo("pl-office"));
            assertThat(s.prefixListsById().get("pl-office").cidrs()).containsExactly("198.51.100.0/24");
            assertThat(s.functions()).hasSize(3);

            OwnershipTimeline t = OwnershipTimeline.of(List.of(s));
            long now = s.takenAt().getEpochSecond();
            assertThat(t.interfaceAt("eni-nat", now).owner().kind()).isEqualTo(OwnerKind.NAT_GATEWAY);
            assertThat(t.interfaceAt("eni-lambda", now).owner().functions()).containsExactly("orders", "refunds");
            assertThat(t.interfaceAt("eni-odd", now).owner().kind()).isEqualTo(OwnerKind.UNKNOWN);
            assertThat(t.interfaceAt("eni-odd", now).eni().interfaceType()).isEqualTo("quantum_link");
        }
    }

    @Test
    void aCallThatKeepsFailingIsNamedAndTheSnapshotMarkedIncomplete() throws Exception {
        try (LocalAwsEndpoint aws =
                everythingAnswers().fail("DescribeNetworkAcls", 500).fail("ListFunctions", 500)) {
            CliRun run = CliRun.of(
                    "inventory",
                    "fetch",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    aws.uri().toString(),
                    "--out",
                    dir.toString(),
                    "--series");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err())
                    .contains("DescribeNetworkAcls failed")
                    .contains("ListFunctions failed")
                    .contains("incomplete")
                    // AWS's error code, not a Java exception or its trace.
                    .contains("ListFunctions failed: ServiceException: Internal failure")
                    .doesNotContain("software.amazon")
                    .doesNotContain("\tat ")
                    .doesNotContain("local-test-secret");
            assertThat(aws.count("DescribeNetworkAcls")).isEqualTo(AwsClients.MAX_ATTEMPTS);

            List<InventorySnapshot> series = InventoryFiles.read(dir);
            assertThat(series).singleElement().satisfies(s -> {
                assertThat(s.complete()).isFalse();
                assertThat(s.failedCalls()).containsExactly("DescribeNetworkAcls", "ListFunctions");
                assertThat(s.interfaces()).hasSize(4);
            });
            // Without Lambda data the Hyperplane ENI falls back to the described function, marked partial.
            InventorySnapshot s = series.get(0);
            OwnershipTimeline t = OwnershipTimeline.of(series);
            var lambda =
                    t.interfaceAt("eni-lambda", s.takenAt().getEpochSecond()).owner();
            assertThat(lambda.functions()).containsExactly("orders");
            assertThat(lambda.partial()).isTrue();
        }
    }
}
