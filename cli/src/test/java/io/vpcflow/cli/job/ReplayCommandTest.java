package io.vpcflow.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {
    /**
     * A job that ends while the command asks for its running counters: the embedded cluster is already shut down
     * and refuses the question, as Flink's MiniCluster does. What CI met once as "internal error".
     */
    static final class EndsWhileAsked implements JobClient {
        final JobExecutionResult result = new JobExecutionResult(new JobID(), 1234, Map.of());
        final CompletableFuture<JobExecutionResult> done = new CompletableFuture<>();
        int asked;

        @Override
        public CompletableFuture<Map<String, Object>> getAccumulators() {
            asked++;
            done.complete(result);
            throw new IllegalStateException("MiniCluster is not yet running or has already been shut down.");
        }

        @Override
        public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
            return done;
        }

        @Override
        public JobID getJobID() {
            return result.getJobID();
        }

        @Override
        public CompletableFuture<JobStatus> getJobStatus() {
            return CompletableFuture.completedFuture(JobStatus.RUNNING);
        }

        @Override
        public CompletableFuture<Void> cancel() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(boolean drain, String dir, SavepointFormatType type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<String> triggerSavepoint(String dir, SavepointFormatType type) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aJobThatEndsWhileItsCountersAreAskedForGivesItsResult() throws Exception {
        EndsWhileAsked job = new EndsWhileAsked();
        StringWriter err = new StringWriter();
        JobExecutionResult r = new ReplayCommand().await(job, new PrintWriter(err), 3);
        assertThat(r).isSameAs(job.result);
        assertThat(job.asked).isEqualTo(1);
        assertThat(err.toString()).isEmpty();
    }
}
