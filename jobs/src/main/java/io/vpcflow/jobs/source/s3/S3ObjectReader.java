package io.vpcflow.jobs.source.s3;

import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.format.parquet.ParquetFlowReader;
import io.vpcflow.jobs.source.LineItem;
import io.vpcflow.jobs.source.PendingItems;
import io.vpcflow.text.Lines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the objects it is given, one at a time, a line at a time, counting the items it hands on so that
 * a checkpoint knows the position within the object. A Parquet object (known by its first bytes) is read by ranged
 * GETs, a row group at a time ({@link S3InputFile}), its position the row group and the items handed on of it.
 *
 * <p>When S3 cannot be reached, or the connection drops mid-object, the object is tried again later from
 * the position reached, with growing pauses: an outage delays records, it does not lose them. An object
 * S3 answers for but will not give (missing, forbidden) is a dead letter with its key.
 */
final class S3ObjectReader implements SourceReader<LineItem, S3ObjectSplit>, FlowLogReader.Handler {
    private final S3NotificationSource.Config config;
    private final SourceReaderContext context;
    private final Deque<S3ObjectSplit> splits = new ArrayDeque<>();
    private final PendingItems pending;
    private final Deque<LineItem> items;
    private final FlowLogReader reader;
    private final ParquetFlowReader parquetReader = new ParquetFlowReader();
    /** The Parquet reader while the current object is Parquet, else null. */
    private ParquetFlowReader parquet;

    private int group;
    private S3Client s3;
    private S3ObjectSplit current;
    private InputStream stream;
    private String source;
    private long handedOn;
    private boolean noMoreSplits;
    private boolean retry;
    private int failures;
    private long retryAtNanos;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    S3ObjectReader(S3NotificationSource.Config config, SourceReaderContext context) {
        this.config = config;
        this.context = context;
        this.pending = new PendingItems(config.aggregation());
        this.items = pending.items();
        this.reader = new FlowLogReader(config.format() == null ? null : FlowLogFormat.parse(config.format()));
    }

    @Override
    public void start() {
        s3 = config.s3().s3();
        context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<LineItem> output) throws Exception {
        while (true) {
            LineItem item = items.poll();
            if (item != null) {
                output.collect(item);
                handedOn++;
                return InputStatus.MORE_AVAILABLE;
            }
            if (current != null) {
                if (parquet != null) {
                    // Called with no items waiting: what this step hands on is all of one row group.
                    boolean more = parquet.next();
                    if (parquet.rowGroup() != group) {
                        group = parquet.rowGroup();
                        handedOn = 0;
                    }
                    if (!more) {
                        finishCurrent();
                    }
                } else if (!reader.next()) {
                    finishCurrent();
                }
                continue;
            }
            long wait = retryAtNanos - System.nanoTime();
            if (wait > 0 && !splits.isEmpty()) {
                // Backing off after a failure to reach S3: come back when the pause is over.
                available = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.NANOSECONDS)
                        .execute(() -> available.complete(null));
                return InputStatus.NOTHING_AVAILABLE;
            }
            S3ObjectSplit next = splits.poll();
            if (next != null) {
                open(next);
                continue;
            }
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
    }

    private void open(S3ObjectSplit split) {
        current = split;
        source = "s3://" + split.bucket() + "/" + split.key();
        handedOn = split.handedOn();
        group = split.rowGroup();
        parquet = null;
        pending.start(source, split.handedOn());
        try {
            ResponseInputStream<GetObjectResponse> object =
                    s3.getObject(r -> r.bucket(split.bucket()).key(split.key()));
            stream = object;
            byte[] head = object.readNBytes(4);
            if (ParquetFlowReader.isParquet(head, head.length)) {
                // The footer is at the end: read by ranges from here, not as one stream.
                object.abort();
                closeStream();
                long length = object.response().contentLength();
                parquet = parquetReader;
                parquet.open(source, new S3InputFile(s3, split.bucket(), split.key(), length), this, group);
            } else {
                reader.open(source, new SequenceInputStream(new ByteArrayInputStream(head), object), this);
            }
        } catch (IOException e) {
            retryLater(); // the connection dropped in the first bytes
        } catch (SdkClientException | S3Exception e) {
            if (e instanceof S3Exception s3e && s3e.statusCode() < 500) {
                onDeadLetter(new DeadLetter(
                        source,
                        1,
                        "",
                        DeadLetterReason.IO_ERROR,
                        "cannot read the object: " + Lines.first(String.valueOf(e.getMessage()))));
                finishCurrent();
            } else {
                retryLater();
            }
        }
    }

    /** Puts the current object back, at the position reached, to be tried again after a pause. */
    private void retryLater() {
        S3ObjectSplit again = current.at(group, handedOn);
        pending.discard();
        closeStream();
        if (parquet != null) {
            parquet.close();
            parquet = null;
        }
        current = null;
        retry = false;
        failures++;
        retryAtNanos = System.nanoTime() + Math.min(30_000L, 100L << Math.min(failures, 8)) * 1_000_000L;
        splits.addFirst(again);
    }

    private void finishCurrent() {
        if (retry) {
            retryLater();
            return;
        }
        failures = 0;
        pending.end();
        closeStream();
        if (parquet != null) {
            parquet.close();
            parquet = null;
        }
        current = null;
        // The enumerator may have handed over several objects at once: ask again when they are all read.
        if (splits.isEmpty()) {
            context.sendSplitRequest();
        }
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (Exception ignored) {
                // Closing a stream we are done with cannot lose anything.
            }
        }
        stream = null;
    }

    @Override
    public void onRecord(MutableFlowRecord record, long lineNumber) {
        pending.onRecord(record, lineNumber);
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        if (deadLetter.reason() == DeadLetterReason.IO_ERROR
                && current != null
                && !deadLetter.detail().startsWith("cannot read")) {
            // The connection dropped mid-object: read it again from here rather than give up on the rest.
            retry = true;
            return;
        }
        pending.onDeadLetter(deadLetter);
    }

    @Override
    public List<S3ObjectSplit> snapshotState(long checkpointId) {
        List<S3ObjectSplit> state = new ArrayList<>();
        if (current != null) {
            // Items read from the object but not yet handed on are read again after a restore.
            state.add(current.at(group, handedOn));
        }
        state.addAll(splits);
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<S3ObjectSplit> newSplits) {
        splits.addAll(newSplits);
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() throws Exception {
        if (stream != null) {
            stream.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
