package io.vpcflow.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes elements on; on the first attempt it fails at the first element after a checkpoint completed, so
 * the job must restore from that checkpoint. The flags are static: tests run the MiniCluster in their JVM.
 */
public final class FailOnceAfterACheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    public static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    public static final AtomicInteger FAILURES = new AtomicInteger();

    /** Resets the flags before a test's job starts. */
    public static void reset() {
        CHECKPOINTED.set(false);
        FAILURES.set(0);
    }

    @Override
    public T map(T item) {
        if (CHECKPOINTED.get() && FAILURES.compareAndSet(0, 1)) {
            throw new IllegalStateException("injected failure");
        }
        return item;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTED.set(true);
    }
}
