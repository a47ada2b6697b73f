package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configurations check clean on a machine that has their inventory folder, and on a fresh clone,
 * which has none, --check says what to create.
 */
class DeployConfigsTest {
    private static final Pattern INVENTORY_DIR = Pattern.compile("(?m)^inventory:\\n(?:  #.*\\n)*  dir: (.+)$");

    @TempDir
    Path dir;

    @Test
    void eachConfigChecksCleanOnceItsInventoryFolderExistsAndSaysWhatToCreateBefore() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Paths.get("..", "deploy", "config"))) {
            configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
        for (Path config : configs) {
            String text = Files.readString(config);
            Matcher m = INVENTORY_DIR.matcher(text);
            assertThat(m.find()).as(config + " names its inventory folder").isTrue();
            String inventory = m.group(1).strip();

            CliRun fresh = CliRun.of("stream", "--config", config.toString(), "--check");
            assertThat(fresh.exit()).as(config.toString()).isEqualTo(2);
            assertThat(fresh.err().strip())
                    .isEqualTo("vpcflow: no inventory folder at " + inventory + " (inventory.dir in " + config
                            + "): create it with vpcflow inventory fetch --series --out " + inventory
                            + ", or name a folder that holds one");

            Path here = dir.resolve(config.getFileName().toString());
            Files.writeString(
                    here,
                    text.replace(
                            "dir: " + inventory,
                            "dir: "
                                    + Paths.get("..", "sample-data", "inventory")
                                            .toAbsolutePath()
                                            .normalize()));
            CliRun checked = CliRun.of("stream", "--config", here.toString(), "--check");
            assertThat(checked.err()).as(config.toString()).isEmpty();
            assertThat(checked.exit()).as(config.toString()).isZero();
            assertThat(checked.out().strip()).isEqualTo("the configuration is valid");
        }
    }
}
