package io.vpcflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vpcflow.jobs.sink.OutputTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped deployment files are parsed and checked for what they must say. */
class DeployAssetsTest {
    private static final Path DEPLOY = Paths.get("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFlinkDeploymentRunsTheJobInApplicationModeWithSavepointUpgrades() throws Exception {
        JsonNode d =
                YAML.readTree(DEPLOY.resolve("kubernetes/flinkdeployment.yaml").toFile());
        assertThat(d.get("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(d.get("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode spec = d.get("spec");
        assertThat(spec.get("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.get("serviceAccount").asText()).isEqualTo("vpcflow");
        assertThat(spec.at("/job/entryClass").asText()).isEqualTo("io.vpcflow.jobs.EnrichmentMain");
        assertThat(spec.at("/job/jarURI").asText()).endsWith("vpcflow-job.jar");
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.at("/job/parallelism").asInt()).isPositive();
        assertThat(spec.at("/flinkConfiguration/execution.checkpointing.dir").asText())
                .startsWith("s3://");
        assertThat(spec.at("/flinkConfiguration/execution.checkpointing.savepoint-dir")
                        .asText())
                .startsWith("s3://");
        assertThat(spec.at("/taskManager/resource/memory").asText()).isNotBlank();
        assertThat(spec.at("/flinkConfiguration/env.java.opts.taskmanager").asText())
                .isEqualTo("-XX:+UseParallelGC");

        JsonNode sa =
                YAML.readTree(DEPLOY.resolve("kubernetes/serviceaccount.yaml").toFile());
        assertThat(sa.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .startsWith("arn:aws:iam::");
        JsonNode cm = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        Path config = Files.createTempFile("vpcflow", ".yaml");
        Files.writeString(config, cm.at("/data/vpcflow.yaml").asText());
        assertThat(JobConfig.load(config).problems()).isEmpty();
    }

    @Test
    void theJobRoleAndTheMemberRoleGrantExactlyWhatVpcflowCallsAndNoWildcardActions() throws Exception {
        assertThat(actions("aws/job-role-policy.json"))
                .isEqualTo(Set.of(
                        "s3:GetObject",
                        "s3:PutObject",
                        "s3:ListBucket",
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sts:AssumeRole",
                        "organizations:ListAccounts",
                        "organizations:ListAccountsForParent",
                        "organizations:ListOrganizationalUnitsForParent"));
        Set<String> member = Set.of(
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSecurityGroupRules",
                "ec2:DescribeNetworkAcls",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcs",
                "ec2:DescribeManagedPrefixLists",
                "ec2:GetManagedPrefixListEntries",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeTransitGatewayVpcAttachments",
                "ec2:DescribeRegions",
                "lambda:ListFunctions");
        assertThat(actions("aws/member-role-policy.json")).isEqualTo(member);
        // The StackSet that rolls the member role out grants the same, and trusts the job role with an external id.
        JsonNode stackSet =
                YAML.readTree(DEPLOY.resolve("aws/member-role-stackset.yaml").toFile());
        JsonNode role = stackSet.at("/Resources/InventoryReader/Properties");
        assertThat(role.get("RoleName").asText()).isEqualTo("vpcflow-inventory-reader");
        List<String> granted = new ArrayList<>();
        role.at("/Policies/0/PolicyDocument/Statement/0/Action").forEach(a -> granted.add(a.asText()));
        assertThat(Set.copyOf(granted)).isEqualTo(member);
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Condition/StringEquals")
                        .has("sts:ExternalId"))
                .isTrue();
        JsonNode trust =
                JSON.readTree(DEPLOY.resolve("aws/member-role-trust.json").toFile());
        assertThat(trust.at("/Statement/0/Condition/StringEquals/sts:ExternalId")
                        .asText())
                .isNotBlank();
        assertThat(JSON.readTree(DEPLOY.resolve("aws/job-role-policy.json").toFile())
                        .toString())
                .contains("arn:aws:iam::*:role/vpcflow-inventory-reader");
    }

    private static Set<String> actions(String file) throws Exception {
        JsonNode policy = JSON.readTree(DEPLOY.resolve(file).toFile());
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            statement.get("Action").forEach(a -> actions.add(a.asText()));
        }
        assertThat(actions).as(file).allSatisfy(a -> assertThat(a).doesNotContain("*"));
        return Set.copyOf(actions);
    }

    @Test
    void theKubernetesDeploymentReadsItsInventoryFromS3AndMountsNothingItLacks() throws Exception {
        JsonNode cm = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        Path config = Files.createTempFile("vpcflow", ".yaml");
        Files.writeString(config, cm.at("/data/vpcflow.yaml").asText());
        JobConfig job = JobConfig.load(config);
        assertThat(job.inventory.dir).startsWith("s3://");
        assertThat(job.inventory.fetch.roleName).isEqualTo("vpcflow-inventory-reader");
        assertThat(job.inventoryBroadcast()).isTrue();

        JsonNode spec = YAML.readTree(
                        DEPLOY.resolve("kubernetes/flinkdeployment.yaml").toFile())
                .get("spec");
        Set<String> volumes = new java.util.HashSet<>();
        spec.at("/podTemplate/spec/volumes")
                .forEach(v -> volumes.add(v.get("name").asText()));
        spec.at("/podTemplate/spec/containers")
                .forEach(c -> c.path("volumeMounts").forEach(m -> {
                    assertThat(volumes).contains(m.get("name").asText());
                    assertThat(job.inventory.dir)
                            .doesNotStartWith(m.get("mountPath").asText());
                }));

        JsonNode cron = YAML.readTree(
                DEPLOY.resolve("kubernetes/inventory-cronjob.yaml").toFile());
        List<String> args = new ArrayList<>();
        cron.at("/spec/jobTemplate/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        assertThat(String.join(" ", args))
                .startsWith("inventory fetch --org --role-name vpcflow-inventory-reader")
                .contains("--series --out " + job.inventory.dir);
    }

    @Test
    void theAthenaDdlHasEveryTableAndColumnWithPartitionProjection() throws Exception {
        String ddl = Files.readString(DEPLOY.resolve("aws/athena.sql"));
        for (var table : List.of(
                OutputTables.FLOWS,
                OutputTables.VERDICT_STATS,
                OutputTables.RULE_USAGE,
                OutputTables.DEAD_LETTERS,
                OutputTables.ENIS,
                OutputTables.SG_RULES)) {
            int at = ddl.indexOf("CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_" + table.name() + " (");
            assertThat(at).as(table.name()).isNotNegative();
            String body = ddl.substring(at, ddl.indexOf("PARTITIONED BY", at));
            table.schema()
                    .getFields()
                    .forEach(f -> assertThat(body).as(table.name()).containsPattern("\\n  `?" + f.getName() + "`? "));
            assertThat(ddl.substring(at)).contains("'projection.enabled' = 'true'");
        }
    }

    @Test
    void theRecommendedFormatIsAValidCustomFormat() throws Exception {
        String format = Files.readString(DEPLOY.resolve("aws/recommended-flow-log-format.txt"))
                .strip();
        var f = io.vpcflow.flowlog.FlowLogFormat.parse(format);
        assertThat(f.extraNames()).isEmpty();
        assertThat(f.names()).contains("tcp-flags", "pkt-srcaddr", "pkt-dstaddr", "flow-direction", "vpc-id");
    }

    @Test
    void theComposeFileHasAClusterAKafkaBrokerAndASubmission() throws Exception {
        JsonNode compose =
                YAML.readTree(DEPLOY.resolve("compose/docker-compose.yml").toFile());
        assertThat(compose.get("services").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("kafka", "jobmanager", "taskmanager", "submit");
        assertThat(compose.at("/services/submit/command").asText())
                .contains("vpcflow-job.jar", "--config /job/vpcflow.yaml");
        // Docker Compose reads compose.yaml before docker-compose.yml: the folder must not hold one of its own.
        assertThat(DEPLOY.resolve("compose/compose.yaml")).doesNotExist();
        assertThat(DEPLOY.resolve("compose/vpcflow.yaml")).exists();
        JsonNode tm = YAML.readTree(
                compose.at("/services/taskmanager/environment/FLINK_PROPERTIES").asText());
        assertThat(tm.get("env.java.opts.taskmanager").asText()).isEqualTo("-XX:+UseParallelGC");
    }
}
