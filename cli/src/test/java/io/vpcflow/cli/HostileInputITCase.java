package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.delivery.LocalFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite: the sample's 76 files beside every kind of bad entry, read by the packaged jar in a
 * JVM whose heap is smaller than the decompression bomb inflates to. Nothing stops the run, every bad entry is
 * named (a dead letter, or a line on standard error), and the sample's records all arrive, each once.
 */
class HostileInputITCase {
    private static final Path SAMPLE = Paths.get("..", "sample-data").toAbsolutePath();
    /** Far below what the bomb inflates to: holding it whole cannot fit. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx128m");

    private static final int BOMB_MIB = 256;

    @TempDir
    static Path dir;

    static Path root;

    @BeforeAll
    static void hostileFolder() throws Exception {
        // Named like a marker file: a root the user names is read whatever its name.
        root = Files.createDirectories(dir.resolve("_hostile"));
        Path good = root.resolve("good");
        try (var files = Files.walk(SAMPLE.resolve("flowlogs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = good.resolve(SAMPLE.resolve("flowlogs").relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        // "{" and then spaces: read as a CloudWatch Logs payload that never closes.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("bomb.log.gz")))) {
            out.write('{');
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < BOMB_MIB; i++) {
                out.write(spaces);
            }
        }
        String header =
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";
        String line =
                "2 123456789012 eni-0a1b2c3d4e5f60200 10.1.1.10 10.1.2.20 40000 443 6 1 60 1764158400 1764158460 ACCEPT OK\n";
        Files.writeString(root.resolve("huge-line.log"), header + "2 " + "x".repeat(8 << 20) + "\n" + line);
        Files.writeString(
                root.resolve("deep.json"),
                "{\"logEvents\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}\n"
                        + "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"" + line.strip()
                        + "\"}]}");
        byte[] utf8 =
                (header + line.replace("eni-0a1b2c3d4e5f60200", "eni-\u0001")).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(utf8, (byte) 1);
        utf8[at] = (byte) 0xC3; // a lead byte without its continuation
        Files.write(root.resolve("invalid-utf8.log"), utf8);
        Files.createSymbolicLink(root.resolve("linked"), good); // the same files again: read once
        Files.createSymbolicLink(good.resolve("loop"), root); // a loop: not followed
        Files.createSymbolicLink(root.resolve("broken.log.gz"), dir.resolve("gone.log.gz"));
        assertThat(new ProcessBuilder("mkfifo", root.resolve("pipe.log").toString())
                        .start()
                        .waitFor())
                .isZero();
        Files.writeString(root.resolve("_SUCCESS"), "");
        Files.writeString(root.resolve(".hidden.log"), line);
    }

    @Test
    void replayReadsEverythingItCanInASmallHeapAndNamesTheRest() throws Exception {
        Path out = dir.resolve("out");
        JarRun run = JarRun.of(
                dir,
                SMALL_HEAP,
                "replay",
                "--input",
                root.toString(),
                "--inventory",
                SAMPLE.resolve("inventory").toString(),
                "--out",
                out.toString(),
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        // 76 sample files and the four text files; the links, FIFO and hidden names are not files read.
        assertThat(summary.get("files").asInt()).isEqualTo(76 + 4);
        // 3,013 sample records, once each despite the link to them, and one each from three hostile files.
        assertThat(summary.get("records").asLong()).isEqualTo(3_013 + 3);
        JsonNode reasons = summary.get("deadLettersByReason");
        assertThat(reasons.get("payload_too_large").asInt()).isEqualTo(1);
        assertThat(reasons.get("line_too_long").asInt()).isEqualTo(1);
        assertThat(reasons.get("bad_envelope").asInt()).isEqualTo(1);
        assertThat(reasons.get("not_a_file").asInt()).isEqualTo(2);
        assertThat(run.err())
                .contains("skipped 2 hidden files or folders (names starting with . or _)")
                .contains("not followed: " + root.resolve("good/loop"));

        CliRun letters = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT reason, regexp_extract(source, '[^/]*$') AS file, detail FROM dead_letters"
                        + " WHERE reason IN ('payload_too_large', 'not_a_file', 'bad_envelope') ORDER BY 2");
        assertThat(letters.out().lines())
                .containsExactly(
                        "reason,file,detail",
                        "payload_too_large,bomb.log.gz,\"a JSON envelope of " + (((long) BOMB_MIB << 20) + 1)
                                + " bytes, more than the 4194304 any CloudWatch Logs delivery holds; raw text cut at"
                                + " 65536\"",
                        "not_a_file,broken.log.gz,a link to nothing: " + dir.resolve("gone.log.gz"),
                        "bad_envelope,deep.json,\"not a CloudWatch Logs JSON envelope: Document nesting depth (1001)"
                                + " exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)\"",
                        "not_a_file,pipe.log,\"neither a file nor a folder (a FIFO, socket or device): not opened\"");
        // Invalid UTF-8 is read as text (a replacement character), and the table holding it stays readable.
        CliRun odd = CliRun.of(
                "query",
                "--warehouse",
                out.toString(),
                "--csv",
                "SELECT interface_id FROM flows WHERE interface_id LIKE 'eni-%' AND interface_id NOT LIKE 'eni-0%'");
        assertThat(odd.out().lines()).containsExactly("interface_id", "eni-\uFFFD");
    }

    @Test
    void inspectReadsTheSameFilesInASmallerHeapAndSaysWhatItCouldNotRead() throws Exception {
        JarRun run = JarRun.of(dir, List.of("-Xmx64m"), "inspect", root.toString());
        assertThat(run.exit()).as("a file could not be read").isEqualTo(1);
        assertThat(run.out()).contains("total: 80 files, 3,016 records");
        assertThat(run.out()).contains("payload_too_large 1");
        assertThat(run.err().lines())
                .containsExactly(
                        "vpcflow: skipped 2 hidden files or folders (names starting with . or _)",
                        "vpcflow: not followed: " + root.resolve("good/loop") + " links to a folder above itself",
                        "vpcflow: cannot read " + root.resolve("broken.log.gz") + ": a link to nothing: "
                                + dir.resolve("gone.log.gz"),
                        "vpcflow: cannot read " + root.resolve("pipe.log")
                                + ": neither a file nor a folder (a FIFO, socket or device): not opened");
        assertThat(LocalFiles.hidden("_SUCCESS")).isTrue();
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw new AssertionError();
    }
}
