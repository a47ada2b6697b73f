package io.vpcflow.jobs.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.Estates.Estate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.S3InventoryStore;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.testing.S3Server;
import io.vpcflow.testing.TestEnvironments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** An inventory root on the S3 test server: written as the fetch writes it, listed once, and read by the job. */
class S3InventoryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

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

    static InventorySnapshot snapshot(String account, String eni, String instance) {
        return new InventorySnapshot(
                T0,
                true,
                List.of(),
                List.of(Enis.interfaceNamed(eni)
                        .account(account)
                        .vpc("vpc-" + account)
                        .instance(instance)
                        .addresses("172.31.1.10")
                        .build()),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void aRootOfTwoAccountsOnS3IsListedReadAndAttributesTheJobsRecords() throws Exception {
        JobConfig.Inventory settings = new JobConfig.Inventory();
        settings.dir = "s3://inventory-bucket/org";
        settings.region = "us-east-1";
        settings.endpoint = s3Server.endpoint().toString();
        try (S3Client s3 = new AwsClients("us-east-1", null, s3Server.endpoint()).s3();
                InventoryStore store = InventoryStores.open(settings)) {
            s3.createBucket(r -> r.bucket("inventory-bucket"));
            S3InventoryStore writer = new S3InventoryStore(s3, settings.dir);
            writer.write(
                    snapshot("111122223333", "eni-a", "i-a"), "111122223333/us-east-1/" + T0, null, null, Map.of());
            writer.write(
                    snapshot("444455556666", "eni-b", "i-b"), "444455556666/us-east-1/" + T0, null, null, Map.of());
            // A snapshot still being written (its marker comes last) is not read yet.
            s3.putObject(
                    r -> r.bucket("inventory-bucket")
                            .key("org/777788889999/us-east-1/" + T0 + "/" + InventoryFiles.INTERFACES),
                    RequestBody.fromString("{\"NetworkInterfaces\": ["));

            List<Estate> estates = LoadedInventory.current(store).estates();
            assertThat(estates)
                    .extracting(Estate::account, Estate::region)
                    .containsExactly(tuple("111122223333", "us-east-1"), tuple("444455556666", "us-east-1"));
            assertThat(store.list().keySet()).noneMatch(k -> k.startsWith("777788889999"));
        }

        // A bounded job whose task managers have no inventory on disk: the reader reads S3 and broadcasts it.
        Path input = Files.createDirectories(dir.resolve("input"));
        long t = T0.getEpochSecond() + 60;
        Files.writeString(
                input.resolve("flows.log"),
                "2 444455556666 eni-b 172.31.1.10 172.31.9.9 40000 443 6 1 60 " + t + " " + (t + 60) + " ACCEPT OK\n"
                        + "2 111122223333 eni-a 172.31.1.10 172.31.9.9 40001 443 6 1 60 " + t + " " + (t + 60)
                        + " ACCEPT OK\n");
        Path out = dir.resolve("out");
        JobConfig config = JobConfig.files(List.of(input.toString()), settings.dir, out.toString());
        config.inventory = settings;
        assertThat(config.inventoryBroadcast()).isTrue();
        StreamExecutionEnvironment env = TestEnvironments.noRestarts();
        EnrichmentJob.build(env, config);
        env.execute("s3 inventory");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement()
                        .executeQuery("SELECT interface_id, eni_owner_id, eni_vpc_id FROM read_parquet('"
                                + out.resolve("flows") + "/**/*.parquet') ORDER BY 1")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            assertThat(rows).containsExactly("eni-a i-a vpc-111122223333", "eni-b i-b vpc-444455556666");
        }
    }
}
