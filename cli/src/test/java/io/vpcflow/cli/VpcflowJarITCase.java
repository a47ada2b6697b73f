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
}
