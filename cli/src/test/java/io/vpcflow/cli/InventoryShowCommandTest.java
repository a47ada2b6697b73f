package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.LambdaFunction;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.net.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryShowCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void twoSnapshots() throws IOException {
        NetworkInterface web = eni("eni-web", "interface", "", "i-web", List.of("sg-web"), "10.0.0.5");
        NetworkInterface lambda =
                eni("eni-l", "lambda", "AWS Lambda VPC ENI-orders", null, List.of("sg-l"), "10.0.0.7");
        NetworkInterface evil = eni("eni-evil", "quantum_link", "\u001b[2Jgotcha", null, List.of(), "10.0.0.9");
        List<LambdaFunction> fns = List.of(
                new LambdaFunction("orders", "arn:o", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-l")),
                new LambdaFunction("refunds", "arn:r", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-l")),
                new LambdaFunction("invoices", "arn:i", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-l")));
        InventoryFiles.write(
                snapshot("2026-11-26T12:00:00Z", List.of(web, lambda, evil), fns), dir.resolve("2026-11-26T12:00:00Z"));
        NetworkInterface web2 = eni("eni-web2", "interface", "", "i-web2", List.of("sg-web"), "10.0.0.5");
        InventoryFiles.write(
                snapshot("2026-11-26T13:00:00Z", List.of(web2, lambda), fns), dir.resolve("2026-11-26T13:00:00Z"));
    }

    @Test
    void jsonHasOneObjectPerInterfaceWithTheLambdaFunctionSet() throws IOException {
        CliRun run = CliRun.of("inventory", "show", "--json", dir.toString());
        assertThat(run.exit()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : run.out().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(l));
        }
        assertThat(lines)
                .extracting(n -> n.get("eni").asText())
                .containsExactly("eni-web", "eni-l", "eni-evil", "eni-web2");
        JsonNode l = lines.get(1);
        assertThat(l.get("kind").asText()).isEqualTo("lambda");
        assertThat(l.get("functions")).extracting(JsonNode::asText).containsExactly("invoices", "orders", "refunds");
        assertThat(lines.get(0).get("ownerId").asText()).isEqualTo("i-web");
        assertThat(lines.get(0).get("name").asText()).isEqualTo("i-web");
    }

    @Test
    void atPicksTheOwnersOfThatTime() {
        CliRun early = CliRun.of("inventory", "show", "--at", "2026-11-26T12:30:00Z", dir.toString());
        assertThat(early.out()).contains("eni-web ");
        CliRun text = CliRun.of("inventory", "show", dir.toString());
        assertThat(text.out()).contains("functions=invoices,orders,refunds").contains("ec2_instance");
    }

    @Test
    void descriptionsCannotDriveTheTerminal() {
        CliRun run = CliRun.of("inventory", "show", dir.toString());
        assertThat(run.out()).doesNotContain("\u001b").contains("\\u001b[2Jgotcha");
    }

    @Test
    void aRuleReplayCannotReadIsRefusedHereTooInOneSentence() throws IOException {
        for (String port : new String[] {"\"eighty\"", "70000", "-5", "8.5", "[80]"}) {
            Path one = dir.resolve("rules-" + port.hashCode());
            Files.createDirectories(one);
            Files.writeString(
                    one.resolve(InventoryFiles.SECURITY_GROUP_RULES),
                    "{\"SecurityGroupRules\":[{\"SecurityGroupRuleId\":\"sgr-1\",\"GroupId\":\"sg-web\","
                            + "\"IsEgress\":false,\"IpProtocol\":\"tcp\",\"FromPort\":" + port + ",\"ToPort\":80,"
                            + "\"CidrIpv4\":\"0.0.0.0/0\"}]}");
            Files.writeString(
                    one.resolve(InventoryFiles.SECURITY_GROUPS),
                    "{\"SecurityGroups\":[{\"GroupId\":\"sg-web\",\"VpcId\":\"vpc-1\"}]}");
            CliRun show = CliRun.of("inventory", "show", one.toString());
            assertThat(show.exit()).as(port).isEqualTo(2);
            assertThat(show.err().strip().lines())
                    .as(port)
                    .singleElement()
                    .asString()
                    .contains("sgr-1");
            CliRun replay = CliRun.of(
                    "replay",
                    "--input",
                    "../sample-data/flowlogs",
                    "--inventory",
                    one.toString(),
                    "--out",
                    dir.resolve("out").toString());
            assertThat(replay.exit()).as(port).isEqualTo(2);
            assertThat(replay.err().strip()).as(port).isEqualTo(show.err().strip());
        }
    }

    @Test
    void longTextFromAnAccountIsCutOnTheTerminal() throws IOException {
        String huge = "eni-" + "x".repeat(1_000_000);
        Path one = dir.resolve("huge");
        InventoryFiles.write(
                snapshot(
                        "2026-11-26T12:00:00Z",
                        List.of(eni(huge, "interface", "", "i-1", List.of(), "10.0.0.5")),
                        List.of()),
                one);
        CliRun run = CliRun.of("inventory", "show", one.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip().lines())
                .singleElement()
                .asString()
                .hasSizeLessThan(400)
                .contains("eni-xxx", "…");
    }

    @Test
    void aMissingFolderIsOneSentence() {
        CliRun run = CliRun.of("inventory", "show", dir.resolve("nope").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("vpcflow: no inventory folder at " + dir.resolve("nope"));
    }

    private static NetworkInterface eni(
            String id, String type, String description, String instance, List<String> groups, String ip) {
        return new NetworkInterface(
                id,
                type,
                description,
                null,
                false,
                "123456789012",
                instance,
                null,
                "subnet-1",
                "vpc-1",
                "us-east-1a",
                groups,
                List.of(IpAddress.parse(ip)),
                List.of(),
                null,
                Map.of(),
                "in-use",
                null);
    }

    private static InventorySnapshot snapshot(String time, List<NetworkInterface> enis, List<LambdaFunction> fns) {
        return new InventorySnapshot(
                Instant.parse(time), true, List.of(), enis, List.of(), List.of(), List.of(), List.of(), List.of(), fns);
    }
}
