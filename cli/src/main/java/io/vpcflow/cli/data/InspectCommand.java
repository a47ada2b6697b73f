package io.vpcflow.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.cli.support.FormatOption;
import io.vpcflow.cli.support.InputFiles;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.delivery.S3ObjectKey;
import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.inspect.FlowLogSummary;
import io.vpcflow.query.FlowRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vpcflow inspect}: what is in these flow-log files, and what in them is not a record. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Reads flow-log files (gzip or plain text, S3 layout or not, CloudWatch Logs payloads, AWS's "
                + "Parquet, Security Lake's OCSF Parquet) and reports, per file: the fields found (and for Parquet the "
                + "writer and row groups), records by log status and action, packets and bytes, the time "
                + "range, and the lines that are not records (dead letters) by reason with the first examples.")
public final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--json", description = "Print one JSON object per file instead of text.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (read recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalFiles.Listing listing = InputFiles.expand(paths);
        List<Path> files = listing.files();
        InputFiles.printSkipped(listing, err);
        FlowLogReader reader = new FlowLogReader(format.format);
        ParquetFlowReader parquet = new ParquetFlowReader();
        int exit = 0;
        for (LocalFiles.Unreadable u : listing.unreadable()) {
            err.println("vpcflow: cannot read " + TerminalText.safe(u.path().toString()) + ": "
                    + TerminalText.safe(u.why()));
            exit = 1;
        }
        long records = 0;
        long deadLetters = 0;
        for (Path file : files) {
            FlowLogSummary summary = new FlowLogSummary();
            ParquetFlowReader.Info parquetInfo;
            try {
                parquetInfo = FlowRecords.read(file, reader, parquet, summary);
            } catch (IOException e) {
                err.println("vpcflow: cannot read " + TerminalText.safe(file.toString()) + ": "
                        + TerminalText.safe(String.valueOf(e.getMessage())));
                exit = 1;
                continue;
            }
            records += summary.records();
            deadLetters += summary.deadLetters();
            if (json) {
                out.println(toJson(file, summary, parquetInfo));
            } else {
                printText(out, file, summary, parquetInfo);
            }
        }
        if (!json && files.size() > 1) {
            out.printf("total: %,d files, %,d records, %,d dead letters%n", files.size(), records, deadLetters);
        }
        out.flush();
        return exit;
    }

    private static void printText(PrintWriter out, Path file, FlowLogSummary s, ParquetFlowReader.Info parquet) {
        out.println(TerminalText.safe(file.toString()));
        Optional<S3ObjectKey> key = S3ObjectKey.parse(file.toString());
        key.ifPresent(k -> out.printf(
                "  s3 layout:     account %s, region %s, %s%s%s%n",
                k.accountId(),
                k.region(),
                k.date(),
                k.hour() >= 0 ? String.format(" hour %02d", k.hour()) : "",
                k.flowLogId() != null ? ", flow log " + k.flowLogId() : ""));
        if (parquet != null) {
            out.printf(
                    "  parquet:       %s, %,d rows in %,d row group%s, written by %s%n",
                    parquet.kind() == ParquetFlowReader.Kind.OCSF
                            ? "Security Lake OCSF Network Activity (class 4001)"
                            : "flow-log columns",
                    parquet.rows(),
                    parquet.rowGroups(),
                    parquet.rowGroups() == 1 ? "" : "s",
                    TerminalText.safe(String.valueOf(parquet.createdBy()), 120));
        }
        for (FlowLogFormat f : s.formats()) {
            if (parquet != null && parquet.kind() == ParquetFlowReader.Kind.OCSF) {
                break; // the mapped fields are the README's OCSF table, the same for every file
            }
            out.printf("  fields (v%d):   %s%n", f.version(), TerminalText.safe(f.headerLine()));
            if (!f.extraNames().isEmpty()) {
                out.printf(
                        "  unknown fields: %s (kept as extra columns)%n",
                        TerminalText.safe(String.join(" ", f.extraNames())));
            }
        }
        Map<LogStatus, Long> st = s.byLogStatus();
        out.printf(
                "  records:       %,d (OK %,d, NODATA %,d, SKIPDATA %,d)%n",
                s.records(), st.get(LogStatus.OK), st.get(LogStatus.NODATA), st.get(LogStatus.SKIPDATA));
        Map<Action, Long> act = s.byAction();
        out.printf("  actions:       ACCEPT %,d, REJECT %,d%n", act.get(Action.ACCEPT), act.get(Action.REJECT));
        out.printf("  traffic:       %,d packets, %,d bytes%n", s.packets(), s.bytes());
        if (s.minStart() >= 0 && s.maxEnd() >= 0) {
            out.printf(
                    "  time:          %s .. %s%n",
                    Instant.ofEpochSecond(s.minStart()), Instant.ofEpochSecond(s.maxEnd()));
        }
        out.printf(
                "  dead letters:  %,d%s%n",
                s.deadLetters(),
                s.deadLetters() == 0
                        ? ""
                        : " ("
                                + s.byReason().entrySet().stream()
                                        .map(e -> e.getKey().code() + " " + e.getValue())
                                        .collect(Collectors.joining(", "))
                                + ")");
        for (DeadLetter d : s.examples()) {
            out.printf(
                    "    %s %d, %s: %s%n      %s%n",
                    parquet != null ? "row" : "line",
                    d.lineNumber(),
                    d.reason().code(),
                    TerminalText.safe(d.detail(), 200),
                    TerminalText.safe(d.raw(), 160));
        }
    }

    private static String toJson(Path file, FlowLogSummary s, ParquetFlowReader.Info parquet) {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", file.toString());
        if (parquet != null) {
            ObjectNode p = o.putObject("parquet");
            p.put("table", parquet.kind() == ParquetFlowReader.Kind.OCSF ? "ocsf" : "flow_log");
            p.put("createdBy", parquet.createdBy());
            p.put("rowGroups", parquet.rowGroups());
            p.put("rows", parquet.rows());
        }
        o.put("records", s.records());
        ObjectNode st = o.putObject("logStatus");
        s.byLogStatus().forEach((k, v) -> st.put(k.name(), v));
        ObjectNode act = o.putObject("action");
        s.byAction().forEach((k, v) -> act.put(k.name(), v));
        o.put("packets", s.packets());
        o.put("bytes", s.bytes());
        if (s.minStart() >= 0) {
            o.put("firstStart", s.minStart());
        }
        if (s.maxEnd() >= 0) {
            o.put("lastEnd", s.maxEnd());
        }
        ArrayNode formats = o.putArray("formats");
        s.formats().forEach(f -> {
            ObjectNode fo = formats.addObject();
            fo.put("version", f.version());
            ArrayNode names = fo.putArray("fields");
            f.names().forEach(names::add);
            ArrayNode extra = fo.putArray("unknownFields");
            f.extraNames().forEach(extra::add);
        });
        o.put("deadLetters", s.deadLetters());
        ObjectNode reasons = o.putObject("reasons");
        for (Map.Entry<DeadLetterReason, Long> e : s.byReason().entrySet()) {
            reasons.put(e.getKey().code(), e.getValue());
        }
        ArrayNode examples = o.putArray("examples");
        for (DeadLetter d : s.examples()) {
            ObjectNode x = examples.addObject();
            x.put("line", d.lineNumber());
            x.put("reason", d.reason().code());
            x.put("detail", d.detail());
            x.put("raw", d.raw());
        }
        S3ObjectKey.parse(file.toString()).ifPresent(k -> {
            ObjectNode s3 = o.putObject("s3");
            s3.put("accountId", k.accountId());
            s3.put("region", k.region());
            s3.put("date", k.date().toString());
            if (k.hour() >= 0) {
                s3.put("hour", k.hour());
            }
            if (k.flowLogId() != null) {
                s3.put("flowLogId", k.flowLogId());
            }
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
