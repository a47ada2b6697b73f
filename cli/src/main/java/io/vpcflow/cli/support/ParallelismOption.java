package io.vpcflow.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --parallelism}, for the commands that run the job. */
public final class ParallelismOption {
    /**
     * Inputs smaller than this run on one task when no parallelism is asked for: a second task's start-up (its
     * writers, its share of the cluster) costs more than it saves on them.
     */
    static final long SMALL_INPUT_BYTES = 16L << 20;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel tasks. Default: the number of cores (1 for files under 16 MB in all).")
    Integer parallelism;

    /** The parallelism asked for, else the cores; a number below 1 is a user mistake, said in one sentence. */
    public int value() {
        if (parallelism == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (parallelism < 1) {
            throw new UserError("--parallelism must be at least 1");
        }
        return parallelism;
    }

    /** As {@link #value()} for a run over these files: unasked, small inputs get one task. */
    public int valueFor(List<Path> files) {
        if (parallelism != null) {
            return value();
        }
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (IOException gone) {
                // a file that cannot be read now becomes the job's dead letter; it adds no work
            }
            if (bytes >= SMALL_INPUT_BYTES) {
                return value();
            }
        }
        return 1;
    }
}
