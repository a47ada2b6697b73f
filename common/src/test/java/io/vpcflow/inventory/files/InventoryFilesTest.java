package io.vpcflow.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkAcl;
import io.vpcflow.inventory.NetworkAclEntry;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.inventory.Subnet;
import io.vpcflow.inventory.Vpc;
import io.vpcflow.net.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatTheAwsCliPrintsAndIgnoresUnknownKeys() throws IOException {
        Files.writeString(dir.resolve(InventoryFiles.INTERFACES), """
                {"NetworkInterfaces": [{
                  "NetworkInterfaceId": "eni-0a1", "InterfaceType": "interface", "Description": "web",
                  "Attachment": {"InstanceId": "i-0a1", "InstanceOwnerId": "123456789012", "DeviceIndex": 0},
                  "Groups": [{"GroupId": "sg-1", "GroupName": "web"}],
                  "PrivateIpAddress": "10.0.1.10",
                  "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.11", "Primary": false},
                                         {"PrivateIpAddress": "10.0.1.10", "Primary": true}],
                  "Ipv6Addresses": [{"Ipv6Address": "2001:db8::10"}],
                  "Association": {"PublicIp": "203.0.113.10"},
                  "TagSet": [{"Key": "Name", "Value": "web-1"}],
                  "SubnetId": "subnet-1", "VpcId": "vpc-1", "OwnerId": "123456789012", "RequesterManaged": false,
                  "SomethingNew": {"x": 1}
                }]}""");
        Files.writeString(dir.resolve(InventoryFiles.SECURITY_GROUPS), """
                {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1",
                  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "UserIdGroupPairs": [{"GroupId": "sg-2"}]}],
                  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
                  {"GroupId": "sg-2", "GroupName": "db",
                  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                     "UserIdGroupPairs": [{"GroupId": "sg-1"}]}]}]}""");
        Files.writeString(dir.resolve(InventoryFiles.SECURITY_GROUP_RULES), """
                {"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-01", "GroupId": "sg-1", "IsEgress": false,
                  "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListId": "pl-0a"}]}""");
        Files.writeString(dir.resolve(InventoryFiles.PREFIX_LISTS), """
                {"PrefixLists": [{"PrefixListId": "pl-0a", "PrefixListName": "office", "AddressFamily": "IPv4"}]}""");
        Files.writeString(dir.resolve("get-managed-prefix-list-entries-pl-0a.json"), """
                {"Entries": [{"Cidr": "198.51.100.0/24", "Description": "HQ"}]}""");
        Files.writeString(dir.resolve(InventoryFiles.FUNCTIONS), """
                {"Functions": [{"FunctionName": "orders", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders",
                  "Version": "$LATEST", "VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"], "VpcId": "vpc-1"}}]}""");

        List<InventorySnapshot> read = InventoryFiles.read(dir);
        assertThat(read).hasSize(1);
        InventorySnapshot s = read.get(0);
        assertThat(s.takenAt()).isNull();
        NetworkInterface e = s.interfaces().get(0);
        assertThat(e.privateIpv4()).containsExactly(IpAddress.parse("10.0.1.10"), IpAddress.parse("10.0.1.11"));
        assertThat(e.ipv6()).containsExactly(IpAddress.parse("2001:db8::10"));
        assertThat(e.publicIp()).isEqualTo(IpAddress.parse("203.0.113.10"));
        assertThat(e.instanceId()).isEqualTo("i-0a1");
        assertThat(e.tags()).containsEntry("Name", "web-1");
        // sg-1 has rules with ids: those win; sg-2 has none, so its IpPermissions are expanded.
        Map<String, SecurityGroup> groups = s.securityGroupsById();
        assertThat(groups.get("sg-1").rules()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("sgr-01");
            assertThat(r.prefixListId()).isEqualTo("pl-0a");
        });
        assertThat(groups.get("sg-2").rules()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isNull();
            assertThat(r.referencedGroupId()).isEqualTo("sg-1");
            assertThat(r.fromPort()).isEqualTo(5432);
        });
        assertThat(s.prefixListsById().get("pl-0a").cidrs()).containsExactly("198.51.100.0/24");
        assertThat(s.functions())
                .singleElement()
                .satisfies(f -> assertThat(f.subnetIds()).containsExactly("subnet-1"));
    }

    @Test
    void writtenSnapshotsReadBackEqual() throws IOException {
        InventorySnapshot s = new InventorySnapshot(
                Instant.parse("2026-11-26T12:00:00Z"),
                false,
                List.of("ListFunctions"),
                List.of(new NetworkInterface(
                        "eni-1",
                        "nat_gateway",
                        "Interface for NAT Gateway nat-1",
                        "123",
                        true,
                        "123",
                        null,
                        null,
                        "subnet-1",
                        "vpc-1",
                        "us-east-1a",
                        List.of("sg-1"),
                        List.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2")),
                        List.of(IpAddress.parse("2001:db8::1")),
                        IpAddress.parse("203.0.113.1"),
                        Map.of("Name", "nat"),
                        "in-use",
                        "nat-gateway.amazonaws.com")),
                List.of(new SecurityGroup(
                        "sg-1",
                        "web",
                        "web tier",
                        "vpc-1",
                        "123",
                        List.of(
                                new SecurityGroupRule(
                                        "sgr-1",
                                        "sg-1",
                                        false,
                                        "tcp",
                                        443,
                                        443,
                                        "0.0.0.0/0",
                                        null,
                                        null,
                                        null,
                                        "https"),
                                new SecurityGroupRule(
                                        "sgr-2", "sg-1", false, "tcp", 22, 22, null, null, "pl-1", null, null),
                                new SecurityGroupRule(
                                        "sgr-3", "sg-1", true, "-1", -1, -1, null, "::/0", null, null, null),
                                new SecurityGroupRule(
                                        "sgr-4", "sg-1", false, "tcp", 5432, 5432, null, null, null, "sg-2", null)),
                        Map.of("team", "web"))),
                List.of(new NetworkAcl(
                        "acl-1",
                        "vpc-1",
                        false,
                        List.of(
                                new NetworkAclEntry(100, false, "6", true, "0.0.0.0/0", null, 443, 443, -1, -1),
                                new NetworkAclEntry(90, true, "1", false, "203.0.113.0/24", null, -1, -1, 0, -1),
                                new NetworkAclEntry(32767, false, "-1", false, "0.0.0.0/0", null, -1, -1, -1, -1)),
                        List.of("subnet-1"))),
                List.of(new Subnet(
                        "subnet-1",
                        "vpc-1",
                        "10.0.0.0/24",
                        List.of("2001:db8::/64"),
                        "us-east-1a",
                        "use1-az1",
                        "123",
                        Map.of())),
                List.of(new Vpc("vpc-1", List.of("10.0.0.0/16"), List.of("2001:db8::/56"), "123", false, Map.of())),
                List.of(new PrefixList("pl-1", "office", "IPv4", List.of("198.51.100.0/24"))),
                List.of(new LambdaFunction("f", "arn:f", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-1"))));
        InventoryFiles.write(s, dir);
        assertThat(InventoryFiles.read(dir)).containsExactly(s);
    }

    @Test
    void aFolderOfTimedFoldersIsASeriesInTimeOrder() throws IOException {
        InventoryFiles.write(InventorySnapshot.empty(null), dir.resolve("2026-11-26T13:00:00Z"));
        InventoryFiles.write(InventorySnapshot.empty(null), dir.resolve("2026-11-26T12:00:00Z"));
        Files.createDirectories(dir.resolve("notes"));
        assertThat(InventoryFiles.read(dir))
                .extracting(InventorySnapshot::takenAt)
                .containsExactly(Instant.parse("2026-11-26T12:00:00Z"), Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Test
    void aPrefixListIsKnownByItsEntriesNotByItsDescription() throws IOException {
        Files.writeString(
                dir.resolve(InventoryFiles.PREFIX_LISTS),
                "{\"PrefixLists\":[{\"PrefixListId\":\"pl-described\",\"PrefixListName\":\"office\"},"
                        + "{\"PrefixListId\":\"pl-both\",\"PrefixListName\":\"vpn\"}]}");
        Files.writeString(
                dir.resolve("get-managed-prefix-list-entries-pl-both.json"),
                "{\"Entries\":[{\"Cidr\":\"10.9.0.0/16\"}]}");
        Files.writeString(
                dir.resolve("get-managed-prefix-list-entries-pl-entries.json"),
                "{\"Entries\":[{\"Cidr\":\"10.8.0.0/16\"}]}");
        Map<String, PrefixList> lists = InventoryFiles.read(dir).get(0).prefixListsById();
        assertThat(lists).containsOnlyKeys("pl-both", "pl-entries");
        assertThat(lists.get("pl-both").name()).isEqualTo("vpn");
        assertThat(lists.get("pl-both").cidrs()).containsExactly("10.9.0.0/16");
        assertThat(lists.get("pl-entries").cidrs()).containsExactly("10.8.0.0/16");
    }

    @Test
    void badFilesAreNamedInOneSentence() throws IOException {
        Files.writeString(dir.resolve(InventoryFiles.VPCS), "{ not json");
        assertThatThrownBy(() -> InventoryFiles.read(dir))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(dir.resolve(InventoryFiles.VPCS) + " is not valid JSON");
        assertThatThrownBy(() -> InventoryFiles.read(dir.resolve("missing")))
                .isInstanceOf(InventoryException.class)
                .hasMessage("no inventory folder at " + dir.resolve("missing"));
    }

    @Test
    void aBadAddressIsAClearError() throws IOException {
        Files.writeString(
                dir.resolve(InventoryFiles.INTERFACES),
                "{\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-1\",\"PrivateIpAddress\":\"10.0.0.300\"}]}");
        assertThatThrownBy(() -> InventoryFiles.read(dir))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("eni-1")
                .hasMessageContaining("not an IP address");
    }
}
