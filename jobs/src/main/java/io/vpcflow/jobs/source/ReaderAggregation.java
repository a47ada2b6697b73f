package io.vpcflow.jobs.source;

import io.vpcflow.enrich.LoadedInventory;
import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.stats.FileSums;
import java.io.Serializable;

/**
 * Attribution, judgement and partial sums done where a file is read, for a job that writes no per-record
 * output: each record is enriched and added to the file's partial sums in the reader, and only the sums of
 * the whole file are handed on, as one item at its end. No object per record crosses Flink's operators;
 * the per-record cost is parsing, enriching and summing, as in a plain program. Records that need
 * connection state (TCP with tcp-flags) are still handed on one by one, for the keyed operator.
 *
 * <p>Exactly once: the sums of a file go out as a single item after all of its other items, so a reader
 * restored from a checkpoint either skips that item (it was handed on) or sums the file again from the
 * start (it was not).
 */
public final class ReaderAggregation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String inventoryDir;
    private final long windowSeconds;
    private transient volatile LoadedInventory inventory;

    /** @param inventoryDir a local inventory root, read once (a job whose inventory changes has it broadcast) */
    public ReaderAggregation(String inventoryDir, long windowSeconds) {
        this.inventoryDir = inventoryDir;
        this.windowSeconds = windowSeconds;
    }

    /** Summing in the readers, for a job that needs no record one by one; else null. */
    public static ReaderAggregation of(JobConfig config) {
        return config.sumsInReaders() ? new ReaderAggregation(config.inventory.dir, config.windowSeconds) : null;
    }

    /** The sums of one file, starting now. */
    public FileSums startFile() {
        LoadedInventory current = inventory;
        if (current == null) {
            current = LoadedInventory.current(inventoryDir);
            inventory = current;
        }
        return new FileSums(current, windowSeconds);
    }
}
