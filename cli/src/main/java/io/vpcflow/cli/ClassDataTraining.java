package io.vpcflow.cli;

import io.vpcflow.delivery.LocalFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;

/**
 * What the build runs once, under {@code -XX:ArchiveClassesAtExit}, to write the class-data archive the
 * {@code vpcflow} launcher starts the JVM with: the help and a replay of {@code sample-data/}, so the classes a
 * command line run loads (picocli, Flink's cluster and RPC, Parquet, the job's own) are mapped, already parsed and
 * verified, instead of read from the jar each time.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {}

    /** @param args the sample-data folder */
    public static void main(String[] args) throws Exception {
        Path sample = Paths.get(args[0]);
        Path out = Files.createTempDirectory("vpcflow-training");
        try {
            run("--help");
            run("replay", "--help");
            run(
                    "replay",
                    "--input",
                    sample.resolve("flowlogs").toString(),
                    "--inventory",
                    sample.resolve("inventory").toString(),
                    "--out",
                    out.resolve("tables").toString());
        } finally {
            LocalFiles.deleteTree(out);
        }
    }

    private static void run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine cl = Vpcflow.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int exit = cl.execute(args);
        if (exit != 0) {
            throw new IllegalStateException("vpcflow " + String.join(" ", args) + " exited " + exit + ": " + text);
        }
    }
}
