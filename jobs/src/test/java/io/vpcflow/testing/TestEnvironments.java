package io.vpcflow.testing;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The embedded Flink environments the job tests run on: two parallel subtasks, so shuffles are real. */
public final class TestEnvironments {
    private TestEnvironments() {}

    /** A failure fails the job, so a test sees it. */
    public static StreamExecutionEnvironment noRestarts() {
        Configuration conf = io.vpcflow.jobs.enrichment.EnrichmentJob.recommended(new Configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return parallel(conf);
    }

    /** Restarts from the last checkpoint, up to twice: for tests that fail a job on purpose. */
    public static StreamExecutionEnvironment restartingTwice(long checkpointMillis) {
        Configuration conf = io.vpcflow.jobs.enrichment.EnrichmentJob.recommended(new Configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        StreamExecutionEnvironment env = parallel(conf);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    private static StreamExecutionEnvironment parallel(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }
}
