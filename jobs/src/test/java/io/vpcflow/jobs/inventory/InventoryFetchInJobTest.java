package io.vpcflow.jobs.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.testing.LocalAwsEndpoint;
import io.vpcflow.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inventory.fetch}: the job's inventory reader fetches the estate itself (real SDK clients, STS and EC2 on a
 * local endpoint) into its root, reads what it wrote at its next look, and fetches again only when the newest
 * snapshot is older than the interval, also after a restart.
 */
class InventoryFetchInJobTest {
    static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDJOB");
        System.setProperty("aws.secretAccessKey", "job-secret");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theReaderFetchesIntoItsRootReadsItAndWaitsAnIntervalBeforeTheNext() throws Exception {
        try (LocalAwsEndpoint aws = new LocalAwsEndpoint()
                .pagesFor(
                        "AKID" + ACCOUNT,
                        "DescribeNetworkInterfaces",
                        "<networkInterfaceSet><item><networkInterfaceId>eni-a</networkInterfaceId><vpcId>vpc-a"
                                + "</vpcId><privateIpAddress>10.0.0.5</privateIpAddress><interfaceType>interface"
                                + "</interfaceType></item></networkInterfaceSet>")) {
            Path root = Files.createDirectories(dir.resolve("inventory"));
            JobConfig.Inventory settings = new JobConfig.Inventory();
            settings.dir = root.toString();
            settings.region = "us-east-1";
            settings.endpoint = aws.uri().toString();
            settings.fetch = new JobConfig.Fetch();
            settings.fetch.accounts = List.of(ACCOUNT);
            settings.fetch.roleName = "vpcflow-inventory-reader";
            settings.fetch.intervalSeconds = 3600;

            try (OneInputStreamOperatorTestHarness<Long, InventoryUpdate> reader =
                    ProcessFunctionTestHarnesses.forProcessFunction(new InventoryWatcher(settings, 0, false, false))) {
                // The job's processing time is the wall clock's: fetches are due by it.
                reader.setProcessingTime(System.currentTimeMillis());
                reader.processElement(1L, 0);
                Path marker = root.resolve(ACCOUNT).resolve("us-east-1");
                Waits.awaitAtLeast(() -> markers(marker), 1, Duration.ofSeconds(60));
                reader.setProcessingTime(System.currentTimeMillis());
                reader.processElement(2L, 0);
                assertThat(reader.extractOutputValues())
                        .filteredOn(u -> u.kind == InventoryUpdate.PUT)
                        .extracting(u -> u.path)
                        .anySatisfy(p -> assertThat(p)
                                .startsWith(ACCOUNT + "/us-east-1/")
                                .endsWith(InventoryFiles.INTERFACES));
                reader.setProcessingTime(System.currentTimeMillis());
                reader.processElement(3L, 0);
                assertThat(aws.count("AssumeRole"))
                        .as("the snapshot is new: not due again")
                        .isEqualTo(1);
            }
            // A restarted reader looks at the root first: its newest snapshot is not due yet either.
            try (OneInputStreamOperatorTestHarness<Long, InventoryUpdate> restarted =
                    ProcessFunctionTestHarnesses.forProcessFunction(new InventoryWatcher(settings, 0, false, false))) {
                restarted.setProcessingTime(System.currentTimeMillis());
                restarted.processElement(1L, 0);
                assertThat(aws.count("AssumeRole")).isEqualTo(1);
            }
        }
    }

    private static long markers(Path estate) {
        if (!Files.isDirectory(estate)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(estate)) {
            return s.filter(f -> f.getFileName().toString().equals(InventoryFiles.META))
                    .count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
