package io.vpcflow.jobs;

import io.vpcflow.jobs.config.JobConfig;
import io.vpcflow.jobs.enrichment.EnrichmentJob;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enrichment job's entry point on a Flink cluster ({@code flink run}, the REST API, the Kubernetes
 * operator): {@code --config FILE} names its configuration; {@code --check} only validates it.
 */
public final class EnrichmentMain {
    private EnrichmentMain() {}

    public static void main(String[] args) throws Exception {
        String file = null;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[++i];
            } else if (args[i].equals("--check")) {
                check = true;
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "': give --config FILE [--check]");
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("give --config FILE");
        }
        JobConfig config = JobConfig.load(Paths.get(file));
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        if (check) {
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        EnrichmentJob.build(env, config);
        env.execute("vpcflow enrichment");
    }
}
