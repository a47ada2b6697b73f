package io.vpcflow.jobs.source.file;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * A {@link FileSource} that keeps up to {@code bytesAhead} of small files queued at each reader. Flink's file
 * source gives a reader one split per request, and the reader asks again only when that split is done: for a
 * file of a few dozen records (a quiet VPC's five minutes) the reader spent most of its time waiting for the
 * round trip (two RPCs and thread hand-overs, about half a millisecond). Here a reader's first request is
 * answered with as many files as make up {@code bytesAhead}, in one assignment, and each later request (one file
 * done) tops the queue up again, so the next file is always there. At least one split goes with every answer,
 * as the file source does; large files still go one at a time, so readers stay balanced.
 *
 * <p>It holds no state of its own: the files not yet assigned are the file source's enumerator state, the
 * assigned ones the readers'. What it keeps per reader, the sizes of the files assigned and not yet done, only
 * decides how many to add; after a restore it starts empty.
 */
public final class FewerSplitRequests<T>
        implements Source<T, FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;
    private final FileSource<T> files;
    private final long bytesAhead;

    public FewerSplitRequests(FileSource<T> files, long bytesAhead) {
        this.files = files;
        this.bytesAhead = bytesAhead;
    }

    @Override
    public Boundedness getBoundedness() {
        return files.getBoundedness();
    }

    @Override
    public SourceReader<T, FileSourceSplit> createReader(SourceReaderContext context) throws Exception {
        return files.createReader(context);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) throws Exception {
        Buffering b = new Buffering(context);
        return new Enumerator(b, files.createEnumerator(b));
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint)
            throws Exception {
        Buffering b = new Buffering(context);
        return new Enumerator(b, files.restoreEnumerator(b, checkpoint));
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return files.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<PendingSplitsCheckpoint<FileSourceSplit>> getEnumeratorCheckpointSerializer() {
        return files.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return files.getProducedType();
    }

    /** The file source's enumerator, its answers to split requests topped up to {@link #bytesAhead}. */
    private final class Enumerator
            implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> {
        private final Buffering context;
        private final SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> delegate;

        Enumerator(
                Buffering context,
                SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> delegate) {
            this.context = context;
            this.delegate = delegate;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
            ArrayDeque<Long> ahead = context.ahead(subtask);
            ahead.pollFirst(); // a reader asks when it finished a split (or starts): the oldest it was given
            long bytes = 0;
            for (long b : ahead) {
                bytes += b;
            }
            context.batching = true;
            try {
                // Always at least one split, as the file source does, so that a reader is never left waiting.
                do {
                    int before = ahead.size();
                    delegate.handleSplitRequest(subtask, host);
                    if (ahead.size() == before || context.noMore) {
                        break;
                    }
                    bytes += ahead.peekLast();
                } while (bytes < bytesAhead);
            } finally {
                context.flush();
            }
        }

        @Override
        public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
            context.ahead(subtask).clear();
            delegate.addSplitsBack(splits, subtask);
        }

        @Override
        public void addReader(int subtask) {
            context.ahead(subtask).clear();
            delegate.addReader(subtask);
        }

        @Override
        public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId) throws Exception {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            delegate.close();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            delegate.notifyCheckpointComplete(checkpointId);
        }
    }

    /**
     * The enumerator's context, which while {@link #batching} gathers the file source's assignments (and its "no
     * more splits") to send them as one; and which notes every split assigned, batching or not (a continuous
     * file source also assigns when it finds new files).
     */
    private static final class Buffering implements SplitEnumeratorContext<FileSourceSplit> {
        private final SplitEnumeratorContext<FileSourceSplit> context;
        private final Map<Integer, ArrayDeque<Long>> ahead = new HashMap<>();
        private final Map<Integer, List<FileSourceSplit>> pending = new HashMap<>();
        private int noMoreFor = -1;
        boolean batching;
        boolean noMore;

        Buffering(SplitEnumeratorContext<FileSourceSplit> context) {
            this.context = context;
        }

        /** The sizes of the splits a reader was given and has not finished, oldest first. */
        ArrayDeque<Long> ahead(int subtask) {
            return ahead.computeIfAbsent(subtask, k -> new ArrayDeque<>());
        }

        void flush() {
            batching = false;
            if (!pending.isEmpty()) {
                context.assignSplits(new SplitsAssignment<>(new HashMap<>(pending)));
                pending.clear();
            }
            if (noMore) {
                noMore = false;
                context.signalNoMoreSplits(noMoreFor);
            }
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtask, SourceEvent event) {
            context.sendEventToSourceReader(subtask, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public void assignSplits(SplitsAssignment<FileSourceSplit> assignment) {
            assignment.assignment().forEach((subtask, splits) -> {
                for (FileSourceSplit s : splits) {
                    ahead(subtask).addLast(s.length());
                }
                if (batching) {
                    pending.computeIfAbsent(subtask, k -> new ArrayList<>()).addAll(splits);
                }
            });
            if (!batching) {
                context.assignSplits(assignment);
            }
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            if (!batching) {
                context.signalNoMoreSplits(subtask);
                return;
            }
            noMore = true;
            noMoreFor = subtask;
        }

        @Override
        public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler) {
            context.callAsync(callable, handler);
        }

        @Override
        public <V> void callAsync(
                Callable<V> callable, BiConsumer<V, Throwable> handler, long initialDelay, long period) {
            context.callAsync(callable, handler, initialDelay, period);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
            context.sendEventToSourceReader(subtask, attempt, event);
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
