package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inventory root of two accounts whose default VPCs reuse the same addresses (172.31.1.10 and 172.31.2.20 in
 * each), replayed end to end: account A's web instance calls its app instance, account B's Lambda function its RDS
 * database, each allowed by a rule naming the caller's group. Resolved across the whole inventory, B's database
 * saw A's instance as its peer and judged the call unexpected; in its own VPC it is the function, and intended.
 */
class EstatesReplayTest {
    static final long T = 1_764_158_400L; // 2025-11-26T12:00:00Z

    @TempDir
    Path dir;

    @Test
    void eachRecordsPeerIsTheInterfaceOfItsOwnVpcAndReferencedGroupsMatchThere() throws IOException {
        Path root = dir.resolve("inventory");
        // A lone snapshot for A, a series for B, and a hidden folder a half-written fetch leaves: not read.
        Path a = root.resolve("111122223333/us-east-1");
        Path b = root.resolve("444455556666/us-east-1/2025-11-26T11:00:00Z");
        write(
                a,
                interfaces(
                        eni("eni-a-web", "interface", "", "111122223333", "vpc-a", "sg-a-web", "172.31.1.10", "i-web"),
                        eni("eni-a-app", "interface", "", "111122223333", "vpc-a", "sg-a-app", "172.31.2.20", "i-app")),
                groups(group("sg-a-web", "vpc-a", ""), group("sg-a-app", "vpc-a", rule(8080, "sg-a-web"))),
                "[]");
        write(
                b,
                interfaces(
                        eni(
                                "eni-b-fn",
                                "lambda",
                                "AWS Lambda VPC ENI-orders",
                                "444455556666",
                                "vpc-b",
                                "sg-b-fn",
                                "172.31.1.10",
                                null),
                        eni(
                                "eni-b-db",
                                "interface",
                                "RDSNetworkInterface",
                                "444455556666",
                                "vpc-b",
                                "sg-b-db",
                                "172.31.2.20",
                                null)),
                groups(group("sg-b-fn", "vpc-b", ""), group("sg-b-db", "vpc-b", rule(5432, "sg-b-fn"))),
                "[{\"FunctionName\":\"orders\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:444455556666:function:orders\","
                        + "\"VpcConfig\":{\"SubnetIds\":[\"subnet-vpc-b\"],\"SecurityGroupIds\":[\"sg-b-fn\"],"
                        + "\"VpcId\":\"vpc-b\"}}]");
        write(
                root.resolve("444455556666/.fetching"),
                interfaces(eni("eni-stray", "interface", "", "444455556666", "vpc-b", "sg-b-fn", "172.31.1.10", "i-x")),
                groups(),
                "[]");

        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(
                logs.resolve("flows.log"),
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                        + "action log-status\n"
                        + "2 444455556666 eni-b-db 172.31.1.10 172.31.2.20 40000 5432 6 10 840 " + T + " " + (T + 60)
                        + " ACCEPT OK\n"
                        + "2 111122223333 eni-a-app 172.31.1.10 172.31.2.20 40001 8080 6 5 400 " + T + " "
                        + (T + 60) + " ACCEPT OK\n");

        Path out = dir.resolve("out");
        CliRun replay = CliRun.of(
                "replay", "--input", logs.toString(), "--inventory", root.toString(), "--out", out.toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        CliRun flows = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT interface_id, peer_owner_kind, peer_owner_id, verdict, sg_id FROM flows "
                        + "ORDER BY interface_id");
        assertThat(flows.exit()).as(flows.err()).isZero();
        assertThat(flows.out())
                .isEqualTo("interface_id,peer_owner_kind,peer_owner_id,verdict,sg_id\n"
                        + "eni-a-app,ec2_instance,i-web,allowed,sg-a-app\n"
                        // A Lambda interface's owner is its function set: the subnet and groups they share.
                        + "eni-b-db,lambda,subnet-vpc-b|sg-b-fn,allowed,sg-b-db\n");

        CliRun enis = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT interface_id, account_id, region FROM enis ORDER BY interface_id");
        assertThat(enis.out())
                .isEqualTo("interface_id,account_id,region\n"
                        + "eni-a-app,111122223333,us-east-1\n"
                        + "eni-a-web,111122223333,us-east-1\n"
                        + "eni-b-db,444455556666,us-east-1\n"
                        + "eni-b-fn,444455556666,us-east-1\n");

        CliRun show = CliRun.of("inventory", "show", "--json", root.toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out().lines().filter(l -> l.contains("\"eni\":\"eni-b-db\"")))
                .singleElement()
                .asString()
                .contains("\"account\":\"444455556666\"", "\"region\":\"us-east-1\"");
        assertThat(show.out()).doesNotContain("eni-stray");
    }

    private static void write(Path folder, String interfaces, String groups, String functions) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("describe-network-interfaces.json"), interfaces);
        Files.writeString(folder.resolve("describe-security-groups.json"), groups);
        Files.writeString(folder.resolve("list-functions.json"), "{\"Functions\":" + functions + "}");
    }

    private static String interfaces(String... enis) {
        return "{\"NetworkInterfaces\":[" + String.join(",", enis) + "]}";
    }

    private static String eni(
            String id,
            String type,
            String description,
            String account,
            String vpc,
            String group,
            String ip,
            String instance) {
        return "{\"NetworkInterfaceId\":\"" + id + "\",\"InterfaceType\":\"" + type + "\",\"Description\":\""
                + description + "\",\"OwnerId\":\"" + account + "\",\"SubnetId\":\"subnet-" + vpc + "\",\"VpcId\":\""
                + vpc + "\",\"AvailabilityZone\":\"us-east-1a\",\"Status\":\"in-use\",\"Groups\":[{\"GroupId\":\""
                + group + "\"}],\"PrivateIpAddress\":\"" + ip + "\",\"PrivateIpAddresses\":[{\"PrivateIpAddress\":\""
                + ip + "\",\"Primary\":true}]"
                + (instance == null ? "" : ",\"Attachment\":{\"InstanceId\":\"" + instance + "\"}")
                + (type.equals("lambda") ? ",\"RequesterId\":\"AROAEXAMPLE\",\"RequesterManaged\":true" : "")
                + (description.startsWith("RDS") ? ",\"RequesterId\":\"amazon-rds\",\"RequesterManaged\":true" : "")
                + "}";
    }

    private static String groups(String... groups) {
        return "{\"SecurityGroups\":[" + String.join(",", groups) + "]}";
    }

    private static String group(String id, String vpc, String inbound) {
        return "{\"GroupId\":\"" + id + "\",\"GroupName\":\"" + id + "\",\"VpcId\":\"" + vpc
                + "\",\"IpPermissions\":[" + inbound + "],\"IpPermissionsEgress\":[{\"IpProtocol\":\"-1\","
                + "\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]}";
    }

    private static String rule(int port, String fromGroup) {
        return "{\"IpProtocol\":\"tcp\",\"FromPort\":" + port + ",\"ToPort\":" + port
                + ",\"UserIdGroupPairs\":[{\"GroupId\":\"" + fromGroup + "\"}]}";
    }
}
