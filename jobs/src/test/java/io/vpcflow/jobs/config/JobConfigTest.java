package io.vpcflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.jobs.sink.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JobConfigTest {
    @TempDir
    Path dir;

    static Stream<Path> shippedConfigurations() throws Exception {
        return Stream.concat(
                Files.list(Paths.get("..", "deploy", "config")),
                Stream.of(Paths.get("..", "deploy", "compose", "vpcflow.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedConfigurations")
    void everyShippedConfigurationLoadsAndIsValid(Path file) {
        JobConfig c = JobConfig.load(file);
        assertThat(c.problems()).as(file.toString()).isEmpty();
        assertThat(c.checkpointSeconds).isPositive();
        assertThat(c.output).isNotBlank();
    }

    @Test
    void defaultsFillWhatIsNotGiven() throws Exception {
        Path f = write(
                "source:\n  kafka:\n    bootstrap: b:9092\n    topic: t\ninventory:\n  dir: /inv\noutput: /out\n");
        JobConfig c = JobConfig.load(f);
        assertThat(c.problems()).isEmpty();
        assertThat(c.windowSeconds).isEqualTo(300);
        assertThat(c.checkpointSeconds).isEqualTo(60);
        assertThat(c.source.kafka.group).isEqualTo("vpcflow");
        assertThat(c.inventory.refreshSeconds).isEqualTo(300);
        assertThat(c.inventoryBroadcast())
                .as("a continuous job has its inventory broadcast")
                .isTrue();
        assertThat(c.tables).isEqualTo(Table.all());
        assertThat(c.sumsInReaders()).isFalse();
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() throws Exception {
        Path f = write("source:\n  kafka:\n    bootstrap: b\n    topik: t\ninventory:\n  dir: /inv\noutput: /out\n");
        assertThatThrownBy(() -> JobConfig.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'topik'")
                .hasMessageContaining("topic");
        Path g = write("windows-seconds: 60\n");
        assertThatThrownBy(() -> JobConfig.load(g)).hasMessageContaining("unknown key 'windows-seconds'");
    }

    @Test
    void problemsAreSentences() throws Exception {
        JobConfig c = JobConfig.load(write("source:\n  kafka:\n    bootstrap: b\n  files:\n    paths: []\n"
                + "format: '${version} ${oops!}'\nwindow-seconds: 0\n"));
        assertThat(c.problems())
                .contains(
                        "source: give exactly one of kafka, s3 or files",
                        "source.kafka: bootstrap and topic are required",
                        "inventory.dir is required",
                        "source.files: paths must name at least one file or folder");
        assertThat(String.join(" ", c.problems())).contains("format:").contains("window-seconds");
        Path badTable = write("tables: [flows, flowz]\n");
        assertThatThrownBy(() -> JobConfig.load(badTable))
                .hasMessage(badTable + ": no table named 'flowz' (choose from "
                        + "flows, verdict_stats, rule_usage, dead_letters, enis, sg_rules)");
        assertThatThrownBy(() -> JobConfig.load(dir.resolve("missing.yaml")))
                .hasMessageStartingWith("no configuration file");
    }

    @Test
    void alertsAreExactlyOnceUnlessTheConfigurationSaysAtLeastOnce() throws Exception {
        String base = "source:\n  kafka:\n    bootstrap: b:9092\n    topic: t\ninventory:\n  dir: /inv\noutput: /out\n"
                + "alerts:\n  bootstrap: b:9092\n  topic: alerts\n";
        JobConfig plain = JobConfig.load(write(base));
        assertThat(plain.problems()).isEmpty();
        assertThat(plain.alerts.exactlyOnce()).isTrue();
        JobConfig fast = JobConfig.load(write(base + "  delivery: at-least-once\n"));
        assertThat(fast.problems()).isEmpty();
        assertThat(fast.alerts.exactlyOnce()).isFalse();
        JobConfig wrong = JobConfig.load(write(base + "  delivery: at-most-once\n"));
        assertThat(wrong.problems()).containsExactly("alerts: delivery is exactly-once or at-least-once");
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "c", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
