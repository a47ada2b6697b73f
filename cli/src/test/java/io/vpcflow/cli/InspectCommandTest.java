package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String KEY_DIR = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26";
    private static final String KEY_FILE =
            "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261126T1205Z_a1b2c3d4.log.gz";

    @TempDir
    Path dir;

    @Test
    void jsonHasOneObjectPerFileWithTheDocumentedKeys() throws IOException {
        Path gz = dir.resolve(KEY_DIR).resolve(KEY_FILE);
        Files.createDirectories(gz.getParent());
        Files.write(
                gz,
                gzip(String.join(
                                "\n",
                                HEADER,
                                "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                                "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 5 5000000000 1418530010 1418530070 REJECT OK",
                                "2 123456789010 eni-1 - - - - - - - 1418530000 1418530600 - NODATA",
                                "2 123456789010 eni-1 - - - - - - - 1418530000 1418530600 - SKIPDATA",
                                "2 123456789010 eni-1 10.0.0.999 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                                "")
                        + "\n"));
        Path plain = dir.resolve("other.log");
        Files.writeString(plain, "2 1 eni-2 10.0.0.1 10.0.0.2 1 22 6 1 10 1418530010 1418530070 ACCEPT OK");

        CliRun run = CliRun.of("inspect", "--json", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            objects.add(JSON.readTree(line));
        }
        assertThat(objects).hasSize(2);
        JsonNode s3 = objects.get(0);
        assertThat(s3.get("path").asText()).isEqualTo(gz.toString());
        assertThat(s3.get("records").asLong()).isEqualTo(4);
        assertThat(s3.at("/logStatus/OK").asLong()).isEqualTo(2);
        assertThat(s3.at("/logStatus/NODATA").asLong()).isEqualTo(1);
        assertThat(s3.at("/logStatus/SKIPDATA").asLong()).isEqualTo(1);
        assertThat(s3.at("/action/ACCEPT").asLong()).isEqualTo(1);
        assertThat(s3.at("/action/REJECT").asLong()).isEqualTo(1);
        assertThat(s3.get("packets").asLong()).isEqualTo(25);
        assertThat(s3.get("bytes").asLong()).isEqualTo(5_000_004_249L);
        assertThat(s3.get("deadLetters").asLong()).isEqualTo(1);
        assertThat(s3.at("/reasons/bad_address").asLong()).isEqualTo(1);
        assertThat(s3.at("/examples/0/line").asLong()).isEqualTo(6);
        assertThat(s3.at("/s3/flowLogId").asText()).isEqualTo("fl-1234abcd");
        assertThat(s3.at("/formats/0/fields/13").asText()).isEqualTo("log-status");
        assertThat(objects.get(1).get("records").asLong()).isEqualTo(1);
        assertThat(objects.get(1).get("deadLetters").asLong()).isZero();
    }

    @Test
    void textReportEscapesControlCharactersFromTheLogs() throws IOException {
        Path f = dir.resolve("evil.log");
        Files.writeString(f, HEADER + "\n" + "\u001b]0;pwned\u0007 \u001b[2J\n");
        CliRun run = CliRun.of("inspect", f.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\u001b]0;pwned\\u0007");
        assertThat(run.out()).contains("dead letters:  1 (binary 1)");
    }

    @Test
    void theFormatOptionReadsHeaderlessFiles() throws IOException {
        Path f = dir.resolve("nat.log");
        Files.writeString(f, "- eni-1 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5\n");
        CliRun run = CliRun.of(
                "inspect",
                "--json",
                "--format",
                "${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}",
                f.toString());
        JsonNode o = JSON.readTree(run.out());
        assertThat(o.get("records").asLong()).isEqualTo(1);
        assertThat(o.get("deadLetters").asLong()).isZero();
        assertThat(o.at("/formats/0/version").asInt()).isEqualTo(3);
    }

    @Test
    void aMissingPathIsOneSentenceAndExitTwo() {
        CliRun run = CliRun.of("inspect", dir.resolve("nope").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("vpcflow: no such file or folder: " + dir.resolve("nope"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anEmptyFolderIsOneSentence() {
        CliRun run = CliRun.of("inspect", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("vpcflow: the folder " + dir + " holds no files");
    }

    @Test
    void anUnreadableFileIsOneSentenceAndTheOthersAreStillRead() throws IOException {
        Files.writeString(
                dir.resolve("a.log"), "2 1 eni-2 10.0.0.1 10.0.0.2 1 22 6 1 10 1418530010 1418530070 ACCEPT OK\n");
        Files.createSymbolicLink(dir.resolve("b.log"), dir.resolve("gone.log"));
        CliRun run = CliRun.of("inspect", "--json", dir.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("vpcflow: cannot read " + dir.resolve("b.log"))
                .doesNotContain("Exception");
        assertThat(run.out().strip().lines()).hasSize(1);
    }

    @Test
    void aBadFormatIsOneSentenceNamingTheProblem() {
        CliRun run = CliRun.of("inspect", "--format", "version version", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("names 'version' twice")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelpAndTheToolHasAVersion() {
        assertThat(CliRun.of("--help").out()).contains("inspect");
        assertThat(CliRun.of("inspect", "--help").out()).contains("--format", "--json");
        assertThat(CliRun.of("--version").out()).startsWith("vpcflow ");
        assertThat(CliRun.of("--version").out()).doesNotContain("unknown");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
