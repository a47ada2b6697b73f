package io.vpcflow.cli.support;

import picocli.CommandLine.Option;

/** {@code --parallelism}, for the commands that run the job. */
public final class ParallelismOption {
    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel tasks. Default: the number of cores.")
    int parallelism = Runtime.getRuntime().availableProcessors();

    /** The parallelism asked for; a number below 1 is a user mistake, said in one sentence. */
    public int value() {
        if (parallelism < 1) {
            throw new UserError("--parallelism must be at least 1");
        }
        return parallelism;
    }
}
