package io.vpcflow.delivery;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the S3 object key of a delivered flow-log file tells: account, region, day (and hour), and the
 * flow-log id, which appears nowhere else.
 *
 * <p>Both layouts are read: {@code [prefix/]AWSLogs/{account}/vpcflowlogs/{region}/yyyy/mm/dd[/HH]/file}
 * and the Hive-style {@code AWSLogs/aws-account-id=.../aws-service=vpcflowlogs/aws-region=.../year=/month=/day=[/hour=]/file}.
 * The file name is {@code {account}_vpcflowlogs_{region}_{flow-log-id}_{YYYYMMDDTHHmmZ}_{hash}.log.gz}.
 *
 * @param prefix    what precedes {@code AWSLogs/}, without its trailing slash; empty when none
 * @param flowLogId e.g. {@code fl-1234abcd}, or null when the file name does not follow the AWS pattern
 * @param hour      the hour folder, or -1 when the layout has none
 * @param hive      whether the key uses the Hive-style layout
 */
public record S3ObjectKey(
        String prefix,
        String accountId,
        String region,
        LocalDate date,
        int hour,
        String flowLogId,
        String fileName,
        boolean hive) {
    private static final String FILE = "(?<file>[^/]+)$";
    private static final Pattern PLAIN =
            Pattern.compile("(?:^|^(?<prefix>.*)/)AWSLogs/(?<account>\\d{12})/vpcflowlogs/(?<region>[a-z0-9-]+)/"
                    + "(?<y>\\d{4})/(?<m>\\d{2})/(?<d>\\d{2})/(?:(?<h>\\d{2})/)?" + FILE);
    private static final Pattern HIVE =
            Pattern.compile("(?:^|^(?<prefix>.*)/)AWSLogs/aws-account-id=(?<account>\\d{12})/aws-service=vpcflowlogs/"
                    + "aws-region=(?<region>[a-z0-9-]+)/year=(?<y>\\d{4})/month=(?<m>\\d{2})/day=(?<d>\\d{2})/"
                    + "(?:hour=(?<h>\\d{2})/)?" + FILE);
    private static final Pattern NAME = Pattern.compile(
            "\\d{12}_vpcflowlogs_[a-z0-9-]+_(?<fl>fl-[0-9a-zA-Z]+)_\\d{8}T\\d{4}Z_[0-9a-zA-Z]+\\.log(?:\\.gz|\\.parquet)?");
    /** Amazon Security Lake's objects: {@code [aws/]VPC_FLOW/<version>/region=/accountId=/eventDay=YYYYMMDD/file}. */
    private static final Pattern SECURITY_LAKE = Pattern.compile(
            "(?:^|^(?<prefix>.*)/)VPC_FLOW/[^/]+/region=(?<region>[a-z0-9-]+)/accountId=(?<account>\\d{12})/"
                    + "eventDay=(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})/(?:hour=(?<h>\\d{2})/)?" + FILE);

    /** Reads a key or a local path that ends in an S3 layout (AWS's two, Security Lake's); empty when it follows none. */
    public static Optional<S3ObjectKey> parse(String key) {
        String k = key.replace('\\', '/');
        boolean hive = false;
        Matcher m = PLAIN.matcher(k);
        if (!m.matches()) {
            m = HIVE.matcher(k);
            hive = true;
            if (!m.matches()) {
                m = SECURITY_LAKE.matcher(k);
            }
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        LocalDate date;
        try {
            date = LocalDate.of(
                    Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        int hour = m.group("h") == null ? -1 : Integer.parseInt(m.group("h"));
        if (hour > 23) {
            return Optional.empty();
        }
        String file = m.group("file");
        Matcher name = NAME.matcher(file);
        String flowLogId = name.matches() ? name.group("fl") : null;
        String prefix = m.group("prefix") == null ? "" : m.group("prefix");
        return Optional.of(
                new S3ObjectKey(prefix, m.group("account"), m.group("region"), date, hour, flowLogId, file, hive));
    }
}
