package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run the way users run it: {@code java -jar cli/target/vpcflow.jar ...} on a plain JDK. */
class VpcflowJarITCase {
    @TempDir
    Path dir;

    private JarRun run(String... args) throws IOException, InterruptedException {
        return JarRun.of(dir, List.of(), args);
    }

    @Test
    void printsItsVersion() throws Exception {
        JarRun r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("(?s)vpcflow \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void inspectsAFileAsJson() throws Exception {
        Path log = dir.resolve("flows.log");
        Files.writeString(
                log,
                String.join(
                        "\n",
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
                        "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                        "corrupt"),
                StandardCharsets.UTF_8);
        JarRun r = run("inspect", "--json", log.toString());
        assertThat(r.exit()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("records").asLong()).isEqualTo(1);
        assertThat(o.get("deadLetters").asLong()).isEqualTo(1);
    }

    @Test
    void aMissingPathIsOneLineWithoutAStackTrace() throws Exception {
        JarRun r = run("inspect", dir.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("vpcflow: no such file or folder");
    }

    /** A replay of the sample into {@code out} under the test's folder. */
    private String[] replaySample(String out) {
        Path sample = Path.of("..", "sample-data").toAbsolutePath().normalize();
        return new String[] {
            "replay",
            "--input",
            sample.resolve("flowlogs").toString(),
            "--inventory",
            sample.resolve("inventory").toString(),
            "--out",
            dir.resolve(out).toString()
        };
    }

    /** The launcher beside the jar, as the README runs it, with {@code VPCFLOW_JAVA_OPTS} set. */
    private Launched launch(Path launcher, String javaOpts, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VPCFLOW_JAVA_OPTS", javaOpts);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Launched(p.exitValue(), out);
    }

    private record Launched(int exit, String out) {}

    @Test
    void theLauncherRunsOnTheParallelCollectorUnlessTheOptionsNameAnother() throws Exception {
        Path launcher =
                Path.of(System.getProperty("vpcflow.jar", "target/vpcflow.jar")).resolveSibling("vpcflow");
        Launched parallel = launch(launcher, "-Xlog:gc=info", "--version");
        assertThat(parallel.exit()).as(parallel.out()).isZero();
        assertThat(parallel.out()).contains("Using Parallel");
        // Two collectors on one command line would stop the JVM: the one the user names is the only one.
        Launched serial = launch(launcher, "-Xlog:gc=info -XX:+UseSerialGC", "--version");
        assertThat(serial.exit()).as(serial.out()).isZero();
        assertThat(serial.out()).contains("Using Serial").doesNotContain("Parallel");
    }

    /** The temporary copy Flink's loader extracts: flink-rpc-akka followed by a random UUID. */
    private static final String EXTRACTED = "flink-rpc-akka[0-9a-f]{8}-[0-9a-f]{4}-";

    @Test
    void theEmbeddedClusterTakesFlinksRpcFromTheJarBesideAndWithoutItExtractsItAsFlinkDoes() throws Exception {
        Path jar = Path.of(System.getProperty("vpcflow.jar", "target/vpcflow.jar"));
        Path rpc = jar.resolveSibling("flink-rpc-akka.jar");
        assertThat(rpc).isRegularFile();
        Launched beside = launch(jar.resolveSibling("vpcflow"), "-Xlog:class+load=info", replaySample("beside"));
        assertThat(beside.exit()).as(beside.out()).isZero();
        // Pekko's classes the archive lacks come from the jar beside; none from a copy extracted for this run.
        assertThat(beside.out()).contains("source: " + rpc.toUri().toURL()).doesNotContainPattern(EXTRACTED);
        // vpcflow.jar on its own: Flink's loader extracts the RPC jar, and the replay runs all the same.
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Files.copy(jar.resolveSibling("vpcflow"), alone.resolve("vpcflow"));
        Files.copy(jar, alone.resolve("vpcflow.jar"));
        Launched extracted = launch(alone.resolve("vpcflow"), "-Xlog:class+load=info", replaySample("alone-out"));
        assertThat(extracted.exit()).as(extracted.out()).isZero();
        assertThat(extracted.out()).containsPattern(EXTRACTED).contains("3,013");
    }

    @Test
    void theLauncherStartsFromTheClassDataArchiveBuiltWithTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("vpcflow.jar", "target/vpcflow.jar"));
        Path launcher = jar.resolveSibling("vpcflow");
        assertThat(jar.resolveSibling("vpcflow.jsa")).isRegularFile();
        Launched r = launch(launcher, "-Xlog:class+load=info", "--version");
        assertThat(r.exit()).as(r.out()).isZero();
        // The command's own classes come from the archive, not from the jar.
        assertThat(r.out()).contains("io.vpcflow.cli.Vpcflow source: shared objects file (top)");
        assertThat(r.out()).contains("vpcflow 0.");
        // An archive of another build is skipped without a word, and the command still runs.
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.copy(launcher, other.resolve("vpcflow"));
        Files.copy(jar, other.resolve("vpcflow.jar"));
        Files.copy(jar.resolveSibling("vpcflow.jsa"), other.resolve("vpcflow.jsa"));
        Launched stale = launch(other.resolve("vpcflow"), "", "--version");
        assertThat(stale.exit()).isZero();
        assertThat(stale.out().strip().lines()).hasSize(2).first().asString().startsWith("vpcflow 0.");
    }
}
