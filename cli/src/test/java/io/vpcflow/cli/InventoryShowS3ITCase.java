package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.S3InventoryStore;
import io.vpcflow.net.IpAddress;
import io.vpcflow.testing.S3Server;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code inventory show s3://...}: the root the job reads, read from the command line the same way. */
class InventoryShowS3ITCase {
    @TempDir
    static Path dir;

    static S3Server s3Server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", "S3RVER");
        System.setProperty("aws.secretAccessKey", "S3RVER");
        s3Server = S3Server.start(dir.resolve("s3"));
    }

    @AfterAll
    static void stop() throws Exception {
        s3Server.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void anS3RootOfTwoAccountsIsShownWithAccountAndRegion() throws Exception {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        try (S3Client s3 = new AwsClients("us-east-1", null, s3Server.endpoint()).s3()) {
            s3.createBucket(r -> r.bucket("inventory"));
            S3InventoryStore root = new S3InventoryStore(s3, "s3://inventory/org");
            for (String account : List.of("111122223333", "444455556666")) {
                InventorySnapshot s = new InventorySnapshot(
                        t,
                        true,
                        List.of(),
                        List.of(new NetworkInterface(
                                "eni-" + account,
                                "interface",
                                "",
                                null,
                                false,
                                account,
                                "i-" + account,
                                account,
                                "subnet-1",
                                "vpc-" + account,
                                "eu-west-1b",
                                List.of(),
                                List.of(IpAddress.parse("172.31.1.10")),
                                List.of(),
                                null,
                                Map.of(),
                                "in-use",
                                null)),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
                root.write(s, account + "/eu-west-1/" + t, account, "eu-west-1", Map.of());
            }
        }
        CliRun show = CliRun.of(
                "inventory",
                "show",
                "--region",
                "us-east-1",
                "--endpoint-url",
                s3Server.endpoint().toString(),
                "s3://inventory/org");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out().lines())
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith("eni-111122223333").contains("111122223333", "eu-west-1"))
                .anySatisfy(l -> assertThat(l).startsWith("eni-444455556666").contains("444455556666", "eu-west-1"));

        CliRun missing = CliRun.of(
                "inventory",
                "show",
                "--region",
                "us-east-1",
                "--endpoint-url",
                s3Server.endpoint().toString(),
                "s3://no-such-bucket/org");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("vpcflow: cannot list the inventory at s3://no-such-bucket/org/");
    }
}
