package io.vpcflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3ObjectKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // key | prefix | account | region | date | hour | flow-log id | hive
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261126T1205Z_a1b2c3d4.log.gz"
                        + " | | 123456789012 | us-east-1 | 2026-11-26 | -1 | fl-1234abcd | false",
                "flows/prod/AWSLogs/123456789012/vpcflowlogs/eu-west-2/2026/01/02/07/123456789012_vpcflowlogs_eu-west-2_fl-0a1b2c3d4e5f67890_20260102T0755Z_ffff.log.gz"
                        + " | flows/prod | 123456789012 | eu-west-2 | 2026-01-02 | 7 | fl-0a1b2c3d4e5f67890 | false",
                "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-west-2/year=2026/month=11/day=26/123456789012_vpcflowlogs_us-west-2_fl-1_20261126T0000Z_0.log.gz"
                        + " | | 123456789012 | us-west-2 | 2026-11-26 | -1 | fl-1 | true",
                "p/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-west-2/year=2026/month=11/day=26/hour=23/odd-name.log.gz"
                        + " | p | 123456789012 | us-west-2 | 2026-11-26 | 23 | | true",
                "/home/me/sample-data/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/x.log"
                        + " | /home/me/sample-data | 123456789012 | us-east-1 | 2026-11-26 | -1 | | false",
                // Parquet delivery, both layouts, per-hour folders.
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/09/123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261126T0905Z_a1b2c3d4.log.parquet"
                        + " | | 123456789012 | us-east-1 | 2026-11-26 | 9 | fl-1234abcd | false",
                "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-west-2/year=2026/month=11/day=26/hour=05/123456789012_vpcflowlogs_us-west-2_fl-1_20261126T0500Z_0.log.parquet"
                        + " | | 123456789012 | us-west-2 | 2026-11-26 | 5 | fl-1 | true",
                // Security Lake's OCSF objects.
                "lake/aws/VPC_FLOW/2.0/region=eu-west-3/accountId=123456789012/eventDay=20240911/f.gz.parquet"
                        + " | lake/aws | 123456789012 | eu-west-3 | 2024-09-11 | -1 | | true",
            })
    void readsBothLayouts(
            String key,
            String prefix,
            String account,
            String region,
            String date,
            int hour,
            String flowLogId,
            boolean hive) {
        S3ObjectKey k = S3ObjectKey.parse(key).orElseThrow();
        assertThat(k.prefix()).isEqualTo(prefix == null ? "" : prefix);
        assertThat(k.accountId()).isEqualTo(account);
        assertThat(k.region()).isEqualTo(region);
        assertThat(k.date()).isEqualTo(LocalDate.parse(date));
        assertThat(k.hour()).isEqualTo(hour);
        assertThat(k.flowLogId()).isEqualTo(flowLogId);
        assertThat(k.hive()).isEqualTo(hive);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "logs/2026/11/26/file.log.gz",
                "AWSLogs/123456789012/cloudtrail/us-east-1/2026/11/26/x.json.gz",
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/13/26/x.log.gz",
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/02/30/x.log.gz",
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/24/x.log.gz",
                "AWSLogs/12345/vpcflowlogs/us-east-1/2026/11/26/x.log.gz",
            })
    void anythingElseIsNotAFlowLogKey(String key) {
        assertThat(S3ObjectKey.parse(key)).isEmpty();
    }
}
