package io.vpcflow.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server (s3rver, from npm) in a child process on loopback, on a port it picks. The
 * first use installs s3rver with npm into {@code target/s3rver}; later runs reuse it.
 */
public final class S3Server implements AutoCloseable {
    private static final String VERSION = "3.7.1";
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3Server start(Path dataDir) throws Exception {
        Path home = Paths.get("target", "s3rver").toAbsolutePath();
        Path cli = home.resolve("node_modules/s3rver/bin/s3rver.js");
        if (!Files.exists(cli)) {
            Files.createDirectories(home);
            Process npm = new ProcessBuilder(
                            "npm",
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--prefix",
                            home.toString(),
                            "s3rver@" + VERSION)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm install s3rver@" + VERSION + " failed: see " + home.resolve("npm.log"));
            }
        }
        Files.createDirectories(dataDir);
        Process p = new ProcessBuilder(List.of(
                        "node",
                        cli.toString(),
                        "-d",
                        dataDir.toString(),
                        "-a",
                        "127.0.0.1",
                        "-p",
                        "0",
                        "--no-vhost-buckets"))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                // Keep draining its output so the child never blocks on a full pipe.
                Thread drain = new Thread(
                        () -> {
                            try {
                                while (out.readLine() != null) {
                                    // discard
                                }
                            } catch (IOException ignored) {
                                // the process ended
                            }
                        },
                        "s3rver-output");
                drain.setDaemon(true);
                drain.start();
                return new S3Server(p, port);
            }
        }
        throw new IOException("s3rver exited before it listened (exit " + p.waitFor() + ")");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
