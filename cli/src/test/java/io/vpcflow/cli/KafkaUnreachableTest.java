package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that is not there is one sentence within the timeout, for the publisher and for the stream. */
class KafkaUnreachableTest {
    @TempDir
    static java.nio.file.Path dir;

    static String nobody;

    @BeforeAll
    static void aPortNobodyListensOn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void replayToAnUnreachableBrokerIsOneSentence() {
        CliRun run = CliRun.of(
                "replay",
                "--input",
                "../sample-data/flowlogs",
                "--kafka",
                nobody,
                "--topic",
                "flows",
                "--kafka-timeout",
                "2",
                "--speed",
                "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(unreachable());
    }

    @Test
    void streamFromAnUnreachableBrokerIsOneSentenceAndWritesNothing() {
        java.nio.file.Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "stream",
                "--kafka",
                nobody,
                "--topic",
                "flows",
                "--until",
                "latest",
                "--kafka-timeout",
                "2",
                "--inventory",
                "../sample-data/inventory",
                "--out",
                out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines().toList()).last().isEqualTo(unreachable());
        assertThat(out).doesNotExist();
    }

    private static String unreachable() {
        return "vpcflow: no Kafka broker at " + nobody
                + " answered within 2 s (is it running, and is that its address?) (--kafka-timeout waits longer)";
    }

    @Test
    void aTimeoutOfNoSecondsIsAUserError() {
        CliRun run = CliRun.of(
                "replay",
                "--input",
                "../sample-data/flowlogs",
                "--kafka",
                nobody,
                "--topic",
                "flows",
                "--kafka-timeout",
                "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("vpcflow: --kafka-timeout must be 1 second or more");
    }
}
