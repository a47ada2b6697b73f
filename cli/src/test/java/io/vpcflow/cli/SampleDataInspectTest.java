package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written edge cases in sample-data/ (beside the generated files) read as the README shows, verbatim. */
class SampleDataInspectTest {
    private static final Path ROOT = Paths.get("..");
    private static final Path DAY = ROOT.resolve(Paths.get(
            "sample-data", "flowlogs", "AWSLogs", "123456789012", "vpcflowlogs", "us-east-1", "2026", "11", "26"));
    private static final Path CUSTOM =
            DAY.resolve("123456789012_vpcflowlogs_us-east-1_fl-0custom0example2_20261126T1205Z_7d3e1b44.log.gz");
    private static final Path DEFAULT =
            DAY.resolve("123456789012_vpcflowlogs_us-east-1_fl-0default0example1_20261126T1205Z_5f2a9c1e.log.gz");

    @Test
    void theReadmeShowsWhatInspectPrints() throws Exception {
        String readme = Files.readString(Paths.get("..", "README.md"));
        String command = "$ cli/target/vpcflow inspect " + ROOT.relativize(DAY) + "/*example*.log.gz\n";
        int start = readme.indexOf(command);
        assertThat(start).as("the README's inspect example").isPositive();
        String shown = readme.substring(start + command.length(), readme.indexOf("```", start));

        CliRun run = CliRun.of("inspect", CUSTOM.toString(), DEFAULT.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().replace(ROOT.resolve("sample-data") + "/", "sample-data/"))
                .isEqualTo(shown);
    }

    @Test
    void theEdgeCaseFilesGiveTheDocumentedCounts() throws Exception {
        CliRun run = CliRun.of("inspect", "--json", CUSTOM.toString(), DEFAULT.toString());
        assertThat(run.exit()).isZero();
        List<JsonNode> files = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            files.add(new ObjectMapper().readTree(line));
        }
        assertThat(files).hasSize(2);

        JsonNode custom = files.get(0);
        assertThat(custom.at("/formats/0/version").asInt()).isEqualTo(5);
        assertThat(custom.get("records").asLong()).isEqualTo(4);
        assertThat(custom.get("deadLetters").asLong()).isZero();
        assertThat(custom.at("/s3/flowLogId").asText()).isEqualTo("fl-0custom0example2");

        JsonNode def = files.get(1);
        assertThat(def.get("records").asLong()).isEqualTo(9);
        assertThat(def.at("/logStatus/NODATA").asLong()).isEqualTo(1);
        assertThat(def.at("/logStatus/SKIPDATA").asLong()).isEqualTo(1);
        assertThat(def.get("bytes").asLong()).isEqualTo(4_500_022_274L);
        assertThat(def.get("deadLetters").asLong()).isEqualTo(4);
        assertThat(def.at("/reasons/wrong_field_count").asLong()).isEqualTo(1);
        assertThat(def.at("/reasons/bad_number").asLong()).isEqualTo(1);
        assertThat(def.at("/reasons/bad_address").asLong()).isEqualTo(1);
        assertThat(def.at("/reasons/bad_value").asLong()).isEqualTo(1);
    }
}
