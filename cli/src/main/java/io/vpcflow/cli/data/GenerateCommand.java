package io.vpcflow.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.format.parquet.FlowLogParquetFiles;
import io.vpcflow.generate.FlowLogGenerator;
import io.vpcflow.generate.SampleEstate;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vpcflow generate}: a seeded estate and its flow logs, with the verdicts a replay must find. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes a seeded data set of the same shape as sample-data/: an inventory series "
                + "(DIR/inventory/<time>/), flow logs in the S3 layout (DIR/flowlogs/AWSLogs/...; VPC A in the default "
                + "format, VPC B in a custom v5 format, five-minute files, some delivered late) and "
                + "DIR/ground-truth.json with the verdict and owner counts a replay must give. With --output-format "
                + "parquet the flow logs are AWS's Parquet files (.log.parquet at the same keys); with ocsf, Security "
                + "Lake's OCSF tables (DIR/flowlogs/aws/VPC_FLOW/2.0/region=/accountId=/eventDay=/).")
public final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", description = "The random seed. Default: 1.")
    long seed = 1;

    @Option(names = "--enis", paramLabel = "N", description = "About how many network interfaces. Default: 20.")
    int enis = 20;

    @Option(names = "--records", paramLabel = "M", description = "About how many flow records. Default: 10000.")
    int records = 10_000;

    @Option(names = "--hours", paramLabel = "H", description = "How many hours of traffic. Default: 3.")
    int hours = 3;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            description = "The first snapshot and the start of traffic (UTC). " + "Default: 2026-11-26T12:00:00Z.")
    Instant start = Instant.parse("2026-11-26T12:00:00Z");

    /** The forms a data set's flow logs can take. */
    public enum OutputFormat {
        text,
        parquet,
        ocsf
    }

    @Option(
            names = "--output-format",
            paramLabel = "F",
            description = "text (gzip, the default), parquet or ocsf: the same records in each.")
    OutputFormat outputFormat = OutputFormat.text;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the data set.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (enis < 14 || records < 1 || hours < 2) {
            throw new UserError("--enis must be at least 14, --records at least 1 and --hours at least 2");
        }
        // Eleven managed interfaces and the reused one; the rest are instances in three tiers.
        SampleEstate estate = new SampleEstate(Math.max(1, (enis - 12) / 3), start);
        for (InventorySnapshot s : estate.snapshots()) {
            InventoryFiles.write(s, out.resolve("inventory").resolve(s.takenAt().toString()));
        }
        FlowLogGenerator.GroundTruth truth =
                write(new FlowLogGenerator(estate, seed, hours), out, records, outputFormat);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", seed);
        json.put("records", truth.records());
        json.put("verdicts", truth.verdicts());
        json.put("owners", truth.owners());
        Files.writeString(
                out.resolve("ground-truth.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("wrote %,d records and an inventory of two snapshots to %s%n", truth.records(), out);
        stdout.flush();
        return 0;
    }

    /**
     * Writes the generator's flow logs to {@code out/flowlogs} in {@code format}: as text, or as text first (in a
     * hidden folder, removed after) and then converted, so every form holds the same records.
     */
    public static FlowLogGenerator.GroundTruth write(
            FlowLogGenerator generator, Path out, int records, OutputFormat format) throws java.io.IOException {
        Path logs = out.resolve("flowlogs");
        if (format == OutputFormat.text) {
            return generator.write(logs, records);
        }
        Path text = out.resolve(".text-flowlogs");
        FlowLogGenerator.GroundTruth truth = generator.write(text, records);
        new FlowLogParquetFiles(100_000)
                .convert(
                        text,
                        logs,
                        format == OutputFormat.parquet
                                ? FlowLogParquetFiles.Kind.PARQUET
                                : FlowLogParquetFiles.Kind.OCSF);
        LocalFiles.deleteTree(text);
        return truth;
    }
}
