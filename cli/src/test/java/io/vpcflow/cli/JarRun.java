package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar run the way users run it, {@code java [JVM options] -jar cli/target/vpcflow.jar ...}. */
public record JarRun(int exit, String out, String err) {
    private static final Path JAR = Paths.get(System.getProperty("vpcflow.jar", "target/vpcflow.jar"));

    /** Runs in a fresh JVM with the given options, its output kept in files under {@code dir}. */
    public static JarRun of(Path dir, List<String> jvm, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.isAlive()).as("vpcflow finished").isFalse();
        return new JarRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
