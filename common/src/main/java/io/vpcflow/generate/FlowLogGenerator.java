package io.vpcflow.generate;

import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.generate.SampleEstate.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded flow-log traffic for a {@link SampleEstate}, delivered as AWS does: gzip files in the S3 layout,
 * one every five minutes per flow log, a header line each, VPC A in the default format and VPC B in a
 * custom v5 format, some records delivered late in later files. Every record is written with the verdict
 * and owner kind it should get: the ground truth a replay is checked against.
 */
public final class FlowLogGenerator {
    public static final String DEFAULT_FLOW_LOG = "fl-0a1b2c3d4e5f60001";
    public static final String CUSTOM_FLOW_LOG = "fl-0b1b2c3d4e5f60002";
    public static final FlowLogFormat CUSTOM = FlowLogFormat.parse("version account-id interface-id srcaddr dstaddr "
            + "srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags "
            + "type pkt-srcaddr pkt-dstaddr flow-direction traffic-path");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final String UNKNOWN_ENI = "eni-0fffffffffffff001";

    /** What the replay of the generated files must find. */
    public record GroundTruth(long records, Map<String, Long> verdicts, Map<String, Long> owners) {}

    private record Rec(boolean custom, String line, long end, String verdict, String owner) {}

    private final SampleEstate estate;
    private final Random random;
    private final long start;
    private final int hours;
    private final List<Rec> records = new ArrayList<>();
    private boolean defaultFormatOnly;

    public FlowLogGenerator(SampleEstate estate, long seed, int hours) {
        this.estate = estate;
        this.random = new Random(seed);
        this.start = estate.first.getEpochSecond();
        this.hours = hours;
    }

    /** Writes VPC B in the default format too, so every file has the same columns (what a plain SQL reader wants). */
    public FlowLogGenerator defaultFormatOnly() {
        this.defaultFormatOnly = true;
        return this;
    }

    /** Generates about {@code count} records and writes them under {@code dir} in the S3 layout. */
    public GroundTruth write(Path dir, int count) throws IOException {
        while (records.size() < count) {
            conversation();
        }
        Map<String, StringBuilder> files = new TreeMap<>();
        for (Rec r : records) {
            // One record in twenty is delivered late, in a file fifteen minutes on.
            long delivered = r.end + (random.nextInt(20) == 0 ? 900 : 0);
            long bucket = Math.floorDiv(delivered, 300) * 300;
            String flowLog = r.custom ? CUSTOM_FLOW_LOG : DEFAULT_FLOW_LOG;
            String name = "AWSLogs/" + SampleEstate.ACCOUNT + "/vpcflowlogs/us-east-1/"
                    + DAY.format(Instant.ofEpochSecond(bucket))
                    + "/" + SampleEstate.ACCOUNT + "_vpcflowlogs_us-east-1_" + flowLog + "_"
                    + STAMP.format(Instant.ofEpochSecond(bucket)) + "_"
                    + String.format("%08x", (bucket ^ flowLog.hashCode()) & 0xffffffffL)
                    + ".log.gz";
            files.computeIfAbsent(
                            name,
                            n -> new StringBuilder((r.custom ? CUSTOM : FlowLogFormat.DEFAULT).headerLine())
                                    .append('\n'))
                    .append(r.line)
                    .append('\n');
        }
        for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(f.getValue().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, Long> verdicts = new TreeMap<>();
        Map<String, Long> owners = new TreeMap<>();
        for (Rec r : records) {
            verdicts.merge(r.verdict, 1L, Long::sum);
            owners.merge(r.owner, 1L, Long::sum);
        }
        return new GroundTruth(records.size(), verdicts, owners);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String internet() {
        return "203.0.113." + (1 + random.nextInt(60));
    }

    private String office() {
        return "198.51.100." + (1 + random.nextInt(250));
    }

    private int ephemeral() {
        return 32768 + random.nextInt(28000);
    }

    /** One exchange of the estate's traffic: one or two records with their expected verdicts. */
    private void conversation() {
        long t = start + random.nextInt(hours * 3600 - 120);
        int client = ephemeral();
        switch (random.nextInt(23)) {
            case 0, 1, 2 -> { // HTTPS from the internet to a web server, and the answer going out
                Node web = pick(estate.web);
                String peer = internet();
                def(web, peer, web.ip(), client, 443, "ACCEPT", t, "allowed", "ec2_instance");
                def(web, web.ip(), peer, 443, client, "ACCEPT", t, "allowed", "ec2_instance");
            }
            case 3 -> def(pick(estate.web), office(), null, client, 22, "ACCEPT", t, "allowed", "ec2_instance");
            case 4 ->
                def(
                        pick(estate.web),
                        "192.0.2." + random.nextInt(250),
                        null,
                        client,
                        22,
                        "REJECT",
                        t,
                        "blocked",
                        "ec2_instance");
            case 5 -> def(pick(estate.web), internet(), null, client, 3389, "REJECT", t, "blocked", "ec2_instance");
            case 6, 7 ->
                def(
                        random.nextBoolean() ? estate.albA : estate.albB,
                        internet(),
                        null,
                        client,
                        443,
                        "ACCEPT",
                        t,
                        "allowed",
                        "alb");
            case 8, 9 -> { // the load balancer to an app server, and the answer
                Node app = pick(estate.app);
                Node alb = random.nextBoolean() ? estate.albA : estate.albB;
                def(app, alb.ip(), app.ip(), client, 8080, "ACCEPT", t, "allowed", "ec2_instance");
                def(app, app.ip(), alb.ip(), 8080, client, "ACCEPT", t, "allowed", "ec2_instance");
            }
            case 10 -> def(estate.rds, pick(estate.app).ip(), null, client, 5432, "ACCEPT", t, "allowed", "rds");
            case 11 -> { // a Lambda function to the database, seen on both interfaces
                def(estate.lambda, estate.lambda.ip(), estate.rds.ip(), client, 5432, "ACCEPT", t, "allowed", "lambda");
                def(estate.rds, estate.lambda.ip(), null, client, 5432, "ACCEPT", t, "allowed", "rds");
            }
            case 12 ->
                def(
                        estate.lambda,
                        estate.lambda.ip(),
                        "52.94.5." + random.nextInt(250),
                        client,
                        443,
                        "ACCEPT",
                        t,
                        "allowed",
                        "lambda");
            case 13 ->
                def(estate.nat, pick(estate.app).ip(), null, client, 443, "ACCEPT", t, "not_evaluated", "nat_gateway");
            case 14 -> def(estate.nlb, internet(), null, client, 443, "ACCEPT", t, "not_evaluated", "nlb");
            case 15 -> def(estate.efs, pick(estate.app).ip(), null, client, 2049, "ACCEPT", t, "allowed", "efs");
            case 16 ->
                def(estate.endpoint, pick(estate.app).ip(), null, client, 443, "ACCEPT", t, "allowed", "vpc_endpoint");
            case 17 ->
                def(
                        estate.ecs,
                        (random.nextBoolean() ? estate.albA : estate.albB).ip(),
                        null,
                        client,
                        8080,
                        "ACCEPT",
                        t,
                        "allowed",
                        "ecs_task");
            case 18 -> def(estate.pod, pick(estate.app).ip(), null, client, 9090, "ACCEPT", t, "allowed", "eks_pod");
            case 19 -> { // port 9000 stays open on an app server after its rule went away at 13:00
                long u = start + random.nextInt(2 * 3600 - 120);
                boolean before = u < estate.second.getEpochSecond();
                def(
                        pick(estate.app),
                        internet(),
                        null,
                        client,
                        9000,
                        "ACCEPT",
                        u,
                        before ? "allowed" : "unexpected_accept",
                        "ec2_instance");
            }
            case 20 -> // VPC B trying MySQL: the group allows it, the subnet's network ACL does not
                def(estate.rds, pick(estate.batch).ip(), null, client, 3306, "REJECT", t, "unexpected_reject", "rds");
            case 21 -> { // VPC B, custom format with TCP flags: SSH from two admins, HTTPS out and its answer
                Node b = pick(estate.batch);
                // sg-0batch opens SSH to the whole internet, yet only two addresses ever use it.
                String office = random.nextBoolean() ? "198.51.100.7" : "198.51.100.8";
                custom(b, office, b.ip(), client, 22, "ACCEPT", 2, "ingress", t, "allowed");
                String api = "52.94.6." + random.nextInt(250);
                custom(b, b.ip(), api, client, 443, "ACCEPT", 2, "egress", t, "allowed");
                custom(b, api, b.ip(), 443, client, "ACCEPT", 18, "ingress", t, "allowed");
            }
            default -> { // no traffic, skipped records, the reused address, and an interface nobody knows
                switch (random.nextInt(4)) {
                    case 0 -> nodata(pick(estate.web), t, "NODATA");
                    case 1 -> nodata(pick(estate.app), t, "SKIPDATA");
                    case 2 -> {
                        boolean before = t < estate.first.getEpochSecond() + 1800;
                        // 10.0.2.60 is app-old until it is terminated, app-new afterwards: both may use the database.
                        long when = before ? t : Math.max(t, estate.second.getEpochSecond());
                        def(estate.rds, "10.0.2.60", null, client, 5432, "ACCEPT", when, "allowed", "rds");
                    }
                    default -> {
                        String line = String.join(
                                " ",
                                "2",
                                SampleEstate.ACCOUNT,
                                UNKNOWN_ENI,
                                "10.9.0.5",
                                "10.9.0.6",
                                String.valueOf(client),
                                "443",
                                "6",
                                "3",
                                "180",
                                String.valueOf(t),
                                String.valueOf(t + 60),
                                "ACCEPT",
                                "OK");
                        records.add(new Rec(false, line, t + 60, "not_evaluated", "unattributed"));
                    }
                }
            }
        }
    }

    /** A default-format record captured on {@code on}; {@code dst} null means the interface's own address. */
    private void def(
            Node on,
            String src,
            String dst,
            int srcPort,
            int dstPort,
            String action,
            long t,
            String verdict,
            String owner) {
        int packets = 1 + random.nextInt(40);
        long bytes = packets * (60L + random.nextInt(1400));
        String line = String.join(
                " ",
                "2",
                SampleEstate.ACCOUNT,
                on.eni(),
                src,
                dst == null ? on.ip() : dst,
                String.valueOf(srcPort),
                String.valueOf(dstPort),
                "6",
                String.valueOf(packets),
                String.valueOf(bytes),
                String.valueOf(t),
                String.valueOf(t + 60),
                action,
                "OK");
        records.add(new Rec(false, line, t + 60, verdict, owner));
    }

    private void custom(
            Node on,
            String src,
            String dst,
            int srcPort,
            int dstPort,
            String action,
            int flags,
            String direction,
            long t,
            String verdict) {
        if (defaultFormatOnly) {
            // Without tcp-flags and flow-direction the ports still tell the service side: same verdicts.
            def(on, src, dst, srcPort, dstPort, action, t, verdict, "ec2_instance");
            return;
        }
        int packets = 1 + random.nextInt(40);
        long bytes = packets * (60L + random.nextInt(1400));
        String instance = "i-0batch" + String.format("%012x", 0xa1b2c3000000L + estate.batch.indexOf(on));
        String line = String.join(
                " ",
                "5",
                SampleEstate.ACCOUNT,
                on.eni(),
                src,
                dst,
                String.valueOf(srcPort),
                String.valueOf(dstPort),
                "6",
                String.valueOf(packets),
                String.valueOf(bytes),
                String.valueOf(t),
                String.valueOf(t + 60),
                action,
                "OK",
                SampleEstate.VPC_B,
                SampleEstate.SUBNET_B,
                instance,
                String.valueOf(flags),
                "IPv4",
                src,
                dst,
                direction,
                direction.equals("egress") ? "8" : "-");
        records.add(new Rec(true, line, t + 60, verdict, "ec2_instance"));
    }

    private void nodata(Node on, long t, String status) {
        String line = String.join(
                " ",
                "2",
                SampleEstate.ACCOUNT,
                on.eni(),
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                String.valueOf(t),
                String.valueOf(t + 60),
                "-",
                status);
        records.add(new Rec(false, line, t + 60, "not_evaluated", "ec2_instance"));
    }
}
