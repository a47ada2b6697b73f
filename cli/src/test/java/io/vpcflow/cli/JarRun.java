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
        return start(dir, jvm, args).await();
    }

    /** Starts it and returns at once, for a test that acts on the running process. */
    public static Started start(Path dir, List<String> jvm, String... args) throws IOException {
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
        return new Started(p, out, err);
    }

    /** A run under way. */
    public record Started(Process process, Path out, Path err) {
        public JarRun await() throws IOException, InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            assertThat(process.isAlive()).as("vpcflow finished").isFalse();
            return new JarRun(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }
}
