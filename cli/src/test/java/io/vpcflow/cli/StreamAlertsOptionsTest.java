package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamAlertsOptionsTest {
    static final String INVENTORY = Paths.get("..", "sample-data", "inventory")
            .toAbsolutePath()
            .normalize()
            .toString();

    @TempDir
    Path dir;

    CliRun check(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "stream",
                "--kafka",
                "127.0.0.1:9",
                "--topic",
                "t",
                "--inventory",
                INVENTORY,
                "--out",
                dir.resolve("out").toString(),
                "--check"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void eitherDeliveryOfAlertsIsAValidConfiguration() {
        for (String delivery : List.of("exactly-once", "at-least-once")) {
            CliRun run = check("--alerts-topic", "alerts", "--alerts-delivery", delivery);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().strip()).isEqualTo("the configuration is valid");
        }
    }

    @Test
    void anotherDeliveryOrOneWithoutAnAlertsTopicIsOneSentence() {
        CliRun other = check("--alerts-topic", "alerts", "--alerts-delivery", "at-most-once");
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err().strip()).isEqualTo("vpcflow: alerts: delivery is exactly-once or at-least-once");
        CliRun alone = check("--alerts-delivery", "at-least-once");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err().strip()).isEqualTo("vpcflow: --alerts-delivery needs --alerts-topic");
    }
}
