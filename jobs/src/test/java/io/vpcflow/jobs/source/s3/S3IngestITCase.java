package io.vpcflow.jobs.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.format.parquet.FlowLogParquetFiles;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import io.vpcflow.jobs.sink.Table;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.ReaderAggregation;
import io.vpcflow.testing.FailOnceAfterACheckpoint;
import io.vpcflow.testing.FlakyProxy;
import io.vpcflow.testing.S3Server;
import io.vpcflow.testing.SqsServer;
import io.vpcflow.testing.TestEnvironments;
import io.vpcflow.testing.Waits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The S3 notification source against a real S3 server (s3rver) and a real SQS server (ElasticMQ) on loopback. */
class S3IngestITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Path SAMPLE = Paths.get("..", "sample-data");
    private static final String BUCKET = "flow-logs";

    @TempDir
    static Path dir;

    static S3Server s3Server;
    static SqsServer sqsServer;

    @BeforeAll
    static void startServers() throws Exception {
        System.setProperty("aws.accessKeyId", "S3RVER");
        System.setProperty("aws.secretAccessKey", "S3RVER");
        s3Server = S3Server.start(dir.resolve("s3"));
        sqsServer = SqsServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        s3Server.close();
        sqsServer.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void backlogAndNotifiedObjectsAreEachReadOnceAndMessagesGoAfterTheCheckpoint() throws Exception {
        AwsClients s3Aws = new AwsClients("us-east-1", null, s3Server.endpoint());
        AwsClients sqsAws = new AwsClients("us-east-1", null, sqsServer.endpoint());
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (S3Client s3 = s3Aws.s3();
                SqsClient sqs = sqsAws.sqs()) {
            s3.createBucket(r -> r.bucket(BUCKET));
            String queue = sqs.createQueue(r -> r.queueName("flow-log-events")).queueUrl();
            int half = files.size() / 2;
            for (Path f : files.subList(0, half)) {
                put(s3, f);
            }

            StreamExecutionEnvironment env = TestEnvironments.noRestarts();
            env.enableCheckpointing(200);
            Path out = dir.resolve("out");
            addJob(
                    env,
                    new S3NotificationSource.Config(s3Aws, sqsAws, BUCKET, "AWSLogs/", queue, true, null, 100, null),
                    out);
            JobClient job = env.executeAsync("s3 ingest test");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                // The rest arrives while the job runs, announced on the queue; one object is corrupt and one
                // message is not an S3 event at all.
                for (Path f : files.subList(half, files.size())) {
                    notify(sqs, queue, put(s3, f));
                }
                s3.putObject(
                        r -> r.bucket(BUCKET).key("AWSLogs/broken.log.gz"),
                        RequestBody.fromBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 9, 9, 9}));
                notify(sqs, queue, "AWSLogs/broken.log.gz");
                sqs.sendMessage(r -> r.queueUrl(queue).messageBody("this is not an S3 event"));

                JsonNode expected = new ObjectMapper()
                        .readTree(SAMPLE.resolve("expected.json").toFile());
                long records = expected.get("records").asLong();
                String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
                String dead = "read_parquet('" + out.resolve("dead_letters") + "/**/*.parquet')";
                Waits.awaitAtLeast(
                        () -> Waits.count(db, "SELECT count(*) FROM " + flows), records, Duration.ofMinutes(2));
                Waits.awaitAtLeast(
                        () -> Waits.count(db, "SELECT count(*) FROM " + dead),
                        expected.get("deadLetters").asLong() + 1,
                        Duration.ofMinutes(2));
                Waits.awaitAtMost(() -> queued(sqs, queue), 0, Duration.ofMinutes(2));

                assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(records);
                assertThat(Waits.count(
                                db, "SELECT count(*) FROM (SELECT DISTINCT source, line_number FROM " + flows + ")"))
                        .isEqualTo(records);
                assertThat(Waits.count(
                                db,
                                "SELECT count(*) FROM " + dead + " WHERE reason = 'bad_gzip' AND source = 's3://"
                                        + BUCKET + "/AWSLogs/broken.log.gz'"))
                        .isEqualTo(1);
                assertThat(Waits.count(db, "SELECT count(*) FROM " + flows + " WHERE verdict = 'unexpected_reject'"))
                        .isEqualTo(expected.at("/verdicts/unexpected_reject").asLong());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void s3GoingAwayForAWhileDelaysRecordsAndLosesNone() throws Exception {
        try (FlakyProxy proxy = new FlakyProxy(s3Server.endpoint())) {
            AwsClients direct = new AwsClients("us-east-1", null, s3Server.endpoint());
            AwsClients viaProxy = new AwsClients("us-east-1", null, proxy.endpoint());
            AwsClients sqsAws = new AwsClients("us-east-1", null, sqsServer.endpoint());
            List<Path> files;
            try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
                files = s.filter(Files::isRegularFile).sorted().limit(20).toList();
            }
            long records = 0;
            for (Path f : files) {
                io.vpcflow.inspect.FlowLogSummary summary = new io.vpcflow.inspect.FlowLogSummary();
                try (var in = Files.newInputStream(f)) {
                    new io.vpcflow.flowlog.FlowLogReader(null).read(f.toString(), in, summary);
                }
                records += summary.records();
            }
            try (S3Client s3 = direct.s3();
                    SqsClient sqs = sqsAws.sqs()) {
                s3.createBucket(r -> r.bucket("outage"));
                String queue =
                        sqs.createQueue(r -> r.queueName("outage-events")).queueUrl();
                List<String> keys = new java.util.ArrayList<>();
                for (Path f : files) {
                    String key = SAMPLE.resolve("flowlogs").relativize(f).toString();
                    s3.putObject(r -> r.bucket("outage").key(key), RequestBody.fromFile(f));
                    keys.add(key);
                }
                StreamExecutionEnvironment env = TestEnvironments.noRestarts();
                env.enableCheckpointing(200);
                Path out = dir.resolve("outage-out");
                addJob(
                        env,
                        new S3NotificationSource.Config(
                                viaProxy, sqsAws, "outage", "AWSLogs/", queue, false, null, 100, null),
                        out);
                JobClient job = env.executeAsync("s3 outage test");
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                    proxy.down();
                    for (String key : keys) {
                        notify(sqs, queue, key, "outage");
                    }
                    // The readers try while S3 is away ...
                    Waits.awaitAtLeast(proxy::refused, 3, Duration.ofMinutes(2));
                    proxy.up();
                    // ... and once it is back, every record arrives, once, and nothing became a dead letter.
                    String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
                    Waits.awaitAtLeast(
                            () -> Waits.count(db, "SELECT count(*) FROM " + flows), records, Duration.ofMinutes(2));
                    Waits.awaitAtMost(() -> queued(sqs, queue), 0, Duration.ofMinutes(2));
                    assertThat(Waits.count(
                                    db,
                                    "SELECT count(*) FROM (SELECT DISTINCT source, line_number FROM " + flows + ")"))
                            .isEqualTo(records);
                    assertThat(Waits.count(
                                    db,
                                    "SELECT count(*) FROM read_parquet('" + out.resolve("dead_letters")
                                            + "/**/*.parquet') WHERE reason = 'io_error'"))
                            .isZero();
                } finally {
                    job.cancel().get(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aConnectionDroppedMidObjectIsReadAgainFromWhereItWasNeitherSkippingNorRereading() throws Exception {
        // One object of many batches of records, so that some were handed on before the connection drops.
        Path file = largestGeneratedFile(dir.resolve("large-logs"));
        io.vpcflow.inspect.FlowLogSummary summary = new io.vpcflow.inspect.FlowLogSummary();
        try (var in = Files.newInputStream(file)) {
            new io.vpcflow.flowlog.FlowLogReader(null).read(file.toString(), in, summary);
        }
        long records = summary.records();
        assertThat(records).isGreaterThan(4 * 512);
        readThroughACut("dropped", "AWSLogs/large.log.gz", file, records, Files.size(file) / 2);
    }

    /**
     * Puts {@code file} at {@code key} of a new {@code bucket}, runs the job on it through a proxy that cuts the
     * connection once after {@code cutAfter} bytes, and checks that it was cut and every one of the file's
     * {@code records} came out once, with no dead letter.
     */
    private static void readThroughACut(String bucket, String key, Path file, long records, long cutAfter)
            throws Exception {
        try (FlakyProxy proxy = new FlakyProxy(s3Server.endpoint())) {
            AwsClients direct = new AwsClients("us-east-1", null, s3Server.endpoint());
            try (S3Client s3 = direct.s3()) {
                s3.createBucket(r -> r.bucket(bucket));
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
            proxy.cutNextResponseAfter(cutAfter);
            StreamExecutionEnvironment env = TestEnvironments.noRestarts();
            Path out = dir.resolve(bucket + "-out");
            addJob(
                    env,
                    new S3NotificationSource.Config(
                            new AwsClients("us-east-1", null, proxy.endpoint()),
                            null,
                            bucket,
                            "AWSLogs/",
                            null,
                            true,
                            null,
                            100,
                            null),
                    out);
            env.execute("s3 dropped connection test, " + bucket);

            assertThat(proxy.cut()).as("the connection was cut mid-object").isEqualTo(1);
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
                assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(records);
                assertThat(Waits.count(db, "SELECT count(DISTINCT line_number) FROM " + flows))
                        .isEqualTo(records);
                assertThat(Files.exists(out.resolve("dead_letters")))
                        .as("no dead letter for a dropped connection")
                        .isFalse();
            }
        }
    }

    /** The largest gzip file of a generated estate (one hour, 150,000 records), written under {@code logs}. */
    private static Path largestGeneratedFile(Path logs) throws Exception {
        new FlowLogGenerator(new SampleEstate(10, Instant.parse("2026-11-26T12:00:00Z")), 5, 1)
                .defaultFormatOnly()
                .write(logs, 150_000);
        try (Stream<Path> s = Files.walk(logs)) {
            return s.filter(Files::isRegularFile)
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length()))
                    .orElseThrow();
        }
    }

    /** That file as AWS's Parquet, in row groups of 1,500 rows. */
    private static Path largeParquet() throws Exception {
        Path text = largestGeneratedFile(dir.resolve("parquet-logs"));
        Path parquet = dir.resolve("large.log.parquet");
        new FlowLogParquetFiles(1500).write(text, parquet, FlowLogParquetFiles.Kind.PARQUET);
        return parquet;
    }

    private static long rowGroups(Path parquet) throws Exception {
        try (var r =
                org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(parquet))) {
            return r.getRowGroups().size();
        }
    }

    @Test
    void aParquetObjectIsReadByRangesFooterFirstNeverWhole() throws Exception {
        Path parquet = largeParquet();
        long groups = rowGroups(parquet);
        assertThat(groups).isGreaterThanOrEqualTo(3);
        AwsClients direct = new AwsClients("us-east-1", null, s3Server.endpoint());
        try (S3Client s3 = direct.s3()) {
            s3.createBucket(r -> r.bucket("ranges"));
            s3.putObject(r -> r.bucket("ranges").key("AWSLogs/large.log.parquet"), RequestBody.fromFile(parquet));
            S3InputFile object = new S3InputFile(s3, "ranges", "AWSLogs/large.log.parquet", Files.size(parquet));
            io.vpcflow.inspect.FlowLogSummary summary = new io.vpcflow.inspect.FlowLogSummary();
            io.vpcflow.format.parquet.ParquetFlowReader reader = new io.vpcflow.format.parquet.ParquetFlowReader();
            reader.open("s3://ranges/AWSLogs/large.log.parquet", object, summary, 0);
            while (reader.next()) {
                // all of it
            }
            assertThat(summary.deadLetters()).isZero();
            assertThat(summary.records()).isEqualTo(reader.info().rows());
            // The footer with the file's last 64 KiB first, then the row groups' column chunks: never the whole
            // object in one request, and about each byte once.
            List<long[]> ranges = object.ranges();
            long size = Files.size(parquet);
            assertThat(ranges.get(0)[1]).as("the footer first").isEqualTo(size);
            assertThat(ranges.get(0)[0]).isEqualTo(size - S3InputFile.BLOCK);
            assertThat(ranges)
                    .hasSizeGreaterThan(2)
                    .allSatisfy(r -> assertThat(r[1] - r[0]).isLessThan(size));
            assertThat(ranges.stream().mapToLong(r -> r[1] - r[0]).sum()).isLessThanOrEqualTo(size + S3InputFile.BLOCK);
        }
    }

    @Test
    void aParquetObjectWhoseConnectionDropsIsReadAgainFromItsRowGroupNeitherSkippingNorRereading() throws Exception {
        Path parquet = largeParquet();
        io.vpcflow.inspect.FlowLogSummary summary = new io.vpcflow.inspect.FlowLogSummary();
        io.vpcflow.format.parquet.ParquetFlowReader local = new io.vpcflow.format.parquet.ParquetFlowReader();
        local.open(parquet, summary);
        while (local.next()) {
            // count them
        }
        // More than the first GET (given up after its magic bytes) can carry: the cut falls in the ranged GETs of
        // the row groups, which share one connection.
        readThroughACut(
                "dropped-parquet", "AWSLogs/large.log.parquet", parquet, summary.records(), Files.size(parquet) + 4096);
    }

    @Test
    void s3AwayWhenTheJobStartsIsWaitedForNotAFailure() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            files = s.filter(Files::isRegularFile).sorted().limit(3).toList();
        }
        io.vpcflow.inspect.FlowLogSummary summary = new io.vpcflow.inspect.FlowLogSummary();
        for (Path f : files) {
            try (var in = Files.newInputStream(f)) {
                new io.vpcflow.flowlog.FlowLogReader(null).read(f.toString(), in, summary);
            }
        }
        try (FlakyProxy proxy = new FlakyProxy(s3Server.endpoint())) {
            try (S3Client s3 = new AwsClients("us-east-1", null, s3Server.endpoint()).s3()) {
                s3.createBucket(r -> r.bucket("away"));
                for (Path f : files) {
                    s3.putObject(r -> r.bucket("away").key("AWSLogs/" + f.getFileName()), RequestBody.fromFile(f));
                }
            }
            proxy.down();
            StreamExecutionEnvironment env = TestEnvironments.noRestarts();
            Path out = dir.resolve("away-out");
            addJob(
                    env,
                    new S3NotificationSource.Config(
                            new AwsClients("us-east-1", null, proxy.endpoint()),
                            null,
                            "away",
                            "AWSLogs/",
                            null,
                            true,
                            null,
                            100,
                            null),
                    out);
            JobClient job = env.executeAsync("s3 away at start test");
            // A listing that fails whole makes 2 connections per attempt of the client here, plus one (13 with 6
            // attempts: an enumerator that gave up, failing the job, stopped there); one more: the next one began.
            Waits.awaitAtLeast(proxy::refused, 2L * AwsClients.MAX_ATTEMPTS + 2, Duration.ofMinutes(1));
            proxy.up();
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
                assertThat(Waits.count(db, "SELECT count(*) FROM " + flows)).isEqualTo(summary.records());
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfTheBacklogNeitherSkipsNorRereads() throws Exception {
        AwsClients s3Aws = new AwsClients("us-east-1", null, s3Server.endpoint());
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (S3Client s3 = s3Aws.s3()) {
            s3.createBucket(r -> r.bucket("backlog"));
            for (Path f : files) {
                String key = SAMPLE.resolve("flowlogs").relativize(f).toString();
                s3.putObject(r -> r.bucket("backlog").key(key), RequestBody.fromFile(f));
            }
        }
        StreamExecutionEnvironment env = TestEnvironments.restartingTwice(30);
        Path out = dir.resolve("backlog-out");
        // No queue: the backlog is listed once and the source ends when it is read.
        addJob(
                env,
                new S3NotificationSource.Config(s3Aws, null, "backlog", "AWSLogs/", null, true, null, 100, null),
                out,
                lines -> lines.map(new FailOnceAfterACheckpoint<LineItem>())
                        .name("fail once")
                        .uid("fail-once"));
        FailOnceAfterACheckpoint.reset();
        env.execute("s3 restart test");

        assertThat(FailOnceAfterACheckpoint.FAILURES.get())
                .as("the injected failure")
                .isEqualTo(1);
        JsonNode expected =
                new ObjectMapper().readTree(SAMPLE.resolve("expected.json").toFile());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            String flows = "read_parquet('" + out.resolve("flows") + "/**/*.parquet')";
            assertThat(Waits.count(db, "SELECT count(*) FROM " + flows))
                    .isEqualTo(expected.get("records").asLong());
            assertThat(Waits.count(db, "SELECT count(*) FROM (SELECT DISTINCT source, line_number FROM " + flows + ")"))
                    .isEqualTo(expected.get("records").asLong());
            assertThat(Waits.count(
                            db,
                            "SELECT count(*) FROM read_parquet('" + out.resolve("dead_letters") + "/**/*.parquet')"))
                    .isEqualTo(expected.get("deadLetters").asLong());
        }
    }

    @Test
    void aBacklogSummedInTheReadersGivesEveryRecordsVerdictOnce() throws Exception {
        AwsClients s3Aws = new AwsClients("us-east-1", null, s3Server.endpoint());
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLE.resolve("flowlogs"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (S3Client s3 = s3Aws.s3()) {
            s3.createBucket(r -> r.bucket("summed"));
            for (Path f : files) {
                String key = SAMPLE.resolve("flowlogs").relativize(f).toString();
                s3.putObject(r -> r.bucket("summed").key(key), RequestBody.fromFile(f));
            }
        }
        Path out = dir.resolve("summed-out");
        JobConfig config =
                JobConfig.replay(List.of(), SAMPLE.resolve("inventory").toString(), out.toString());
        config.tables = java.util.EnumSet.of(Table.VERDICT_STATS, Table.RULE_USAGE);
        StreamExecutionEnvironment env = TestEnvironments.noRestarts();
        DataStream<LineItem> lines = S3NotificationSource.lines(
                env,
                new S3NotificationSource.Config(
                        s3Aws, null, "summed", "AWSLogs/", null, true, null, 100, ReaderAggregation.of(config)));
        EnrichmentJob.sinks(EnrichmentJob.topology(lines.map(new CountSums()).name("count sums"), config), config);
        CountSums.ITEMS.set(0);
        env.execute("s3 sums test");

        assertThat(CountSums.ITEMS.get())
                .as("objects whose reader handed on sums")
                .isPositive();
        JsonNode expected =
                new ObjectMapper().readTree(SAMPLE.resolve("expected.json").toFile());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            String stats = "read_parquet('" + out.resolve("verdict_stats") + "/**/*.parquet')";
            for (String verdict : List.of("allowed", "blocked", "unexpected_accept", "unexpected_reject")) {
                assertThat(Waits.count(db, "SELECT sum(flows) FROM " + stats + " WHERE verdict = '" + verdict + "'"))
                        .as(verdict)
                        .isEqualTo(expected.at("/verdicts/" + verdict).asLong());
            }
            assertThat(Waits.count(db, "SELECT sum(flows) FROM " + stats))
                    .isEqualTo(expected.get("records").asLong());
        }
    }

    /** Counts the items of partial sums a reader hands on. */
    private static final class CountSums implements MapFunction<LineItem, LineItem> {
        static final AtomicLong ITEMS = new AtomicLong();

        @Override
        public LineItem map(LineItem item) {
            if (item.verdictPartials != null) {
                ITEMS.incrementAndGet();
            }
            return item;
        }
    }

    /** The enrichment job on {@code env}: the objects {@code source} finds, its tables in {@code out}. */
    private static void addJob(StreamExecutionEnvironment env, S3NotificationSource.Config source, Path out) {
        addJob(env, source, out, lines -> lines);
    }

    /** As the job above, with {@code between} applied to the source's stream (a failure injected, say). */
    private static void addJob(
            StreamExecutionEnvironment env,
            S3NotificationSource.Config source,
            Path out,
            UnaryOperator<DataStream<LineItem>> between) {
        JobConfig config =
                JobConfig.replay(List.of(), SAMPLE.resolve("inventory").toString(), out.toString());
        DataStream<LineItem> lines = between.apply(S3NotificationSource.lines(env, source));
        EnrichmentJob.sinks(EnrichmentJob.topology(lines, config), config);
    }

    private static String put(S3Client s3, Path file) throws Exception {
        String key = SAMPLE.resolve("flowlogs").relativize(file).toString().replace('\\', '/');
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromFile(file));
        return key;
    }

    /** The notification S3 sends for a created object. */
    private static void notify(SqsClient sqs, String queue, String key) {
        notify(sqs, queue, key, BUCKET);
    }

    private static void notify(SqsClient sqs, String queue, String key, String bucket) {
        String body = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + bucket
                + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/")
                + "\",\"size\":1,\"sequencer\":\"00" + Long.toHexString(System.nanoTime()) + "\"}}}]}";
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
    }

    private static long queued(SqsClient sqs, String queue) {
        var attrs = sqs.getQueueAttributes(r -> r.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
