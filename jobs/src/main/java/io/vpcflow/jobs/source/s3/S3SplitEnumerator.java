package io.vpcflow.jobs.source.s3;

import io.vpcflow.delivery.S3Events;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.Counter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Finds objects (by listing once, then from queue notifications) and hands them to readers as they ask,
 * small ones several at a time ({@link #nextBatch()}). Receipts of queue messages wait for the checkpoint that
 * holds their objects.
 */
final class S3SplitEnumerator implements SplitEnumerator<S3ObjectSplit, EnumeratorState> {
    /** Bytes of small objects handed to a reader in one answer at most. */
    static final long BATCH_BYTES = 1 << 20;
    /** Objects in one answer at most. */
    static final int BATCH_OBJECTS = 64;
    /** How soon a failed listing is tried again. */
    private static final long LIST_RETRY_MILLIS = 2_000;

    /** The result of one poll of the queue: what it announced, and the receipts to delete later. */
    private record Polled(List<S3Events.CreatedObject> objects, List<String> receipts, int unreadable) {}

    private final S3NotificationSource.Config config;
    private final SplitEnumeratorContext<S3ObjectSplit> context;
    private final Deque<S3ObjectSplit> pending;
    private final Set<String> seen;
    private final Deque<Integer> waitingReaders = new ArrayDeque<>();
    private final List<String> receivedSinceSnapshot = new ArrayList<>();
    private final TreeMap<Long, List<String>> deleteAfter = new TreeMap<>();
    /** Whether the prefix was listed: set on the coordinator thread, read by the listing's worker too. */
    private volatile boolean backfilled;

    private Counter listingFailures;
    private S3Client s3;
    private SqsClient sqs;

    S3SplitEnumerator(
            S3NotificationSource.Config config, SplitEnumeratorContext<S3ObjectSplit> context, EnumeratorState state) {
        this.config = config;
        this.context = context;
        this.pending = new ArrayDeque<>(state.pending());
        this.seen = new LinkedHashSet<>(state.seen());
        this.backfilled = state.backfilled();
    }

    @Override
    public void start() {
        s3 = config.s3().s3();
        if (config.backfill() && !backfilled) {
            listingFailures = context.metricGroup().counter("s3ListingFailures");
            context.callAsync(this::list, this::onListed, 0, LIST_RETRY_MILLIS);
        }
        if (config.queueUrl() != null) {
            sqs = config.sqs().sqs();
            context.callAsync(this::poll, this::onPolled, 0, config.pollMillis());
        }
    }

    /** Runs on a worker thread: every object under the prefix, or null once they were listed. */
    private List<S3Events.CreatedObject> list() {
        if (backfilled) {
            return null;
        }
        List<S3Events.CreatedObject> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(config.prefix()))
                .contents()
                .forEach(o -> objects.add(new S3Events.CreatedObject(config.bucket(), o.key(), o.size(), "listed")));
        return objects;
    }

    /**
     * Runs on the coordinator thread. A failed listing (S3 away, throttled past the client's retries) is counted and
     * tried again on the next tick, whole: the job waits for S3 instead of failing.
     */
    private void onListed(List<S3Events.CreatedObject> objects, Throwable error) {
        if (error != null) {
            listingFailures.inc();
            return;
        }
        if (objects == null || backfilled) {
            return;
        }
        objects.forEach(this::add);
        backfilled = true;
        assignWaiting();
    }

    /** Runs on a worker thread: one long-poll of the queue. */
    private Polled poll() {
        List<Message> messages = sqs.receiveMessage(r ->
                        r.queueUrl(config.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        List<S3Events.CreatedObject> objects = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        int unreadable = 0;
        for (Message m : messages) {
            try {
                objects.addAll(S3Events.parse(m.body()));
            } catch (IllegalArgumentException notAnEvent) {
                // Not an S3 notification: nothing to read; the message is dropped like the others once checkpointed.
                unreadable++;
            }
            receipts.add(m.receiptHandle());
        }
        return new Polled(objects, receipts, unreadable);
    }

    /** Runs on the coordinator thread. A failed poll (the queue away for a while) is retried on the next tick. */
    private void onPolled(Polled polled, Throwable error) {
        if (error != null) {
            return;
        }
        polled.objects().stream()
                .filter(o -> o.key().startsWith(config.prefix()))
                .forEach(this::add);
        receivedSinceSnapshot.addAll(polled.receipts());
        assignWaiting();
    }

    private void add(S3Events.CreatedObject o) {
        // Flow-log objects are never overwritten (their names are unique), so an object already listed, or an
        // event delivered twice, is read once.
        if (seen.add(o.bucket() + "/" + o.key())) {
            pending.add(new S3ObjectSplit(o.bucket(), o.key(), o.size()));
        }
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        waitingReaders.add(subtask);
        assignWaiting();
    }

    private void assignWaiting() {
        for (Iterator<Integer> it = waitingReaders.iterator(); it.hasNext(); ) {
            int subtask = it.next();
            if (!context.registeredReaders().containsKey(subtask)) {
                it.remove();
                continue;
            }
            if (!pending.isEmpty()) {
                context.assignSplits(new SplitsAssignment<>(Map.of(subtask, nextBatch())));
                it.remove();
            } else if (config.queueUrl() == null && (backfilled || !config.backfill())) {
                context.signalNoMoreSplits(subtask);
                it.remove();
            }
        }
    }

    /**
     * The next object, and small objects after it up to {@link #BATCH_BYTES} in all: a reader asks again only once
     * it has read them all, so a quiet VPC's objects of a few KiB do not each wait for a request and an answer
     * between reader and enumerator. An object of unknown size goes alone; so do large ones, and a batch takes no
     * more than its share of what is pending, so that other readers get some too.
     */
    private List<S3ObjectSplit> nextBatch() {
        List<S3ObjectSplit> batch = new ArrayList<>();
        int share = Math.max(
                1, pending.size() / Math.max(1, context.registeredReaders().size()));
        long bytes = 0;
        while (!pending.isEmpty() && batch.size() < Math.min(share, BATCH_OBJECTS)) {
            long size = pending.peek().size();
            if (!batch.isEmpty() && (size < 0 || bytes + size > BATCH_BYTES)) {
                break;
            }
            batch.add(pending.poll());
            if (size < 0 || size > BATCH_BYTES) {
                break;
            }
            bytes += size;
        }
        return batch;
    }

    @Override
    public void addSplitsBack(List<S3ObjectSplit> splits, int subtaskId) {
        splits.forEach(pending::addFirst);
        assignWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves.
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        // Objects of the messages received so far are in this state (pending, or with a reader): once this
        // checkpoint completes the messages may go.
        if (!receivedSinceSnapshot.isEmpty()) {
            deleteAfter.put(checkpointId, new ArrayList<>(receivedSinceSnapshot));
            receivedSinceSnapshot.clear();
        }
        return new EnumeratorState(new ArrayList<>(pending), seen, backfilled);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<String>> done = deleteAfter.headMap(checkpointId, true);
        for (List<String> receipts : done.values()) {
            for (int i = 0; i < receipts.size(); i += 10) {
                List<DeleteMessageBatchRequestEntry> batch = new ArrayList<>();
                for (int k = i; k < Math.min(i + 10, receipts.size()); k++) {
                    batch.add(DeleteMessageBatchRequestEntry.builder()
                            .id(String.valueOf(k))
                            .receiptHandle(receipts.get(k))
                            .build());
                }
                try {
                    sqs.deleteMessageBatch(r -> r.queueUrl(config.queueUrl()).entries(batch));
                } catch (RuntimeException e) {
                    // The message comes back after its visibility timeout and is recognised as seen.
                }
            }
        }
        done.clear();
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
