package io.vpcflow.cli.support;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.query.FlowRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a command that judges a period's records again: where the records are (the warehouse's flows table,
 * or raw logs), the inventory of the period, and the period.
 */
public final class PastRecordsOptions {
    @Mixin
    public WarehouseOption warehouse;

    @Option(names = "--inventory", paramLabel = "DIR", required = true, description = "The inventory of the period.")
    public Path inventory;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "Raw flow logs (files or folders) to read instead of the warehouse's flows table.")
    List<Path> input;

    @Mixin
    FormatOption format;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "The first time of the period (a record's start), e.g. 2026-11-26T12:00:00Z or 2026-11-26.")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "The end of the period (exclusive).")
    Instant to;

    /** The first second of the period. */
    public long from() {
        return from == null ? Long.MIN_VALUE : from.getEpochSecond();
    }

    /** The end of the period, exclusive. */
    public long to() {
        return to == null ? Long.MAX_VALUE : to.getEpochSecond();
    }

    /** The period as a reader says it. */
    public String period() {
        return from == null && to == null
                ? "in every record read"
                : "from " + (from == null ? "the first record" : from) + " to " + (to == null ? "the last" : to);
    }

    /** The inventory, read and compiled; a sentence when it cannot be. */
    public LoadedInventory loadInventory() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UserError("--from must be before --to");
        }
        try {
            return LoadedInventory.current(inventory.toAbsolutePath().toString());
        } catch (InventoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Reads every record to {@code each} (a reused row), from the raw logs when given, else the flows table. */
    public FlowRecords.Read read(Consumer<FlowRow> each, PrintWriter err) {
        FlowRecords.Read read;
        try {
            // Reading is most of the work: every core reads, one judges (in the order one reader would give).
            int threads = Runtime.getRuntime().availableProcessors();
            read = input != null && !input.isEmpty()
                    ? FlowRecords.readLogs(InputFiles.expand(input).files(), format.format, each, threads)
                    : FlowRecords.readFlowsTable(flowsTable(err), each, threads);
        } catch (IOException e) {
            throw new UserError("cannot read the records: " + TerminalText.safe(String.valueOf(e.getMessage()), 300));
        }
        if (read.deadLetters() > 0) {
            err.printf(
                    "vpcflow: %,d records could not be read and were not judged (vpcflow inspect says why)%n",
                    read.deadLetters());
            err.flush();
        }
        return read;
    }

    /** The warehouse's flows folder, refused with what to run when the run did not write one. */
    private Path flowsTable(PrintWriter err) throws IOException {
        Path flows = warehouse.checked(err).resolve("flows");
        if (!Files.isDirectory(flows)) {
            throw new UserError("every record is needed: " + warehouse.dir + " holds no flows table (run vpcflow "
                    + "replay with the flows table, the default, or give --input with the raw logs)");
        }
        return flows;
    }
}
