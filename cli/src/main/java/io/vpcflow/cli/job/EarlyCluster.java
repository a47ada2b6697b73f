package io.vpcflow.cli.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded Flink cluster of a local run, started on a thread of its own as soon as the run knows its
 * parallelism, so that its start (RPC system, job and task managers: about a second) overlaps the command's own
 * work (reading the inventory, building the job). The job then goes to it through Flink's local executor, which
 * shuts the cluster down when the job ends; a run that stops before submitting closes it itself.
 */
final class EarlyCluster implements AutoCloseable {
    private final Configuration conf;
    private final Starting cluster;
    private volatile boolean submitted;

    private EarlyCluster(Configuration conf, Starting cluster) {
        this.conf = conf;
        this.cluster = cluster;
    }

    /** Starts a cluster of one task manager with {@code slots} slots, configured by {@code conf}. */
    static EarlyCluster start(Configuration conf, int slots) {
        Configuration c = new Configuration(conf);
        c.set(CoreOptions.DEFAULT_PARALLELISM, slots);
        // What Flink's local environment sets: its own executor, attached to the job.
        c.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        c.set(DeploymentOptions.ATTACHED, true);
        Configuration clusterConf = new Configuration(c);
        if (!clusterConf.contains(RestOptions.BIND_PORT)) {
            clusterConf.set(RestOptions.BIND_PORT, "0");
        }
        Starting cluster = new Starting(new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf)
                .setNumTaskManagers(clusterConf.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS))
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.begin();
        return new EarlyCluster(c, cluster);
    }

    /** An environment whose job runs on this cluster. */
    StreamExecutionEnvironment environment() {
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return LocalExecutor.NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                submitted = true;
                return LocalExecutor.createWithFactory(configuration, ignored -> cluster);
            }
        };
        PipelineExecutorServiceLoader executors = new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(LocalExecutor.NAME);
            }
        };
        return new StreamExecutionEnvironment(executors, conf, EarlyCluster.class.getClassLoader());
    }

    /** Stops the cluster when no job was handed to it (the job's end stops it otherwise). */
    @Override
    public void close() throws Exception {
        if (!submitted) {
            cluster.started.handle((ok, failed) -> null).get();
            cluster.closeAsync().get();
        }
    }

    /** A cluster whose {@link #start} waits for the start begun earlier instead of starting again. */
    private static final class Starting extends MiniCluster {
        private final CompletableFuture<Void> started = new CompletableFuture<>();

        Starting(MiniClusterConfiguration configuration) {
            super(configuration);
        }

        void begin() {
            Thread t = new Thread(
                    () -> {
                        try {
                            super.start();
                            started.complete(null);
                        } catch (Throwable e) {
                            started.completeExceptionally(e);
                        }
                    },
                    "vpcflow-cluster-start");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void start() throws Exception {
            try {
                started.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
