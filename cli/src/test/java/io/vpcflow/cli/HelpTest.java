package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's {@code --help} prints its usage and nothing else: no picocli warning about a bad description. */
class HelpTest {
    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        collect(Vpcflow.commandLine(), "", names);
        return names.stream();
    }

    private static void collect(CommandLine cl, String prefix, List<String> names) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                names.add(prefix + name);
                collect(sub, prefix + name + " ", names);
            }
        });
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpIsTheUsageAlone(String command) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliRun run;
        // picocli reports a description it cannot format on System.err, past the command's own writer.
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            run = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: vpcflow " + command);
        assertThat(run.err()).isEmpty();
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRunOfOneCommandBuildsThatCommandAlone() {
        assertThat(Vpcflow.commandLine("replay").getSubcommands()).containsOnlyKeys("replay");
        assertThat(Vpcflow.commandLine("whatif").getSubcommands()).containsOnlyKeys("whatif");
        List<String> all = List.copyOf(Vpcflow.commandLine().getSubcommands().keySet());
        assertThat(all).contains("replay", "stream", "query", "help").hasSize(12);
        // help names another command; a word that is no command gets picocli's message, which lists them all.
        assertThat(Vpcflow.commandLine("help").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Vpcflow.commandLine("replya").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Vpcflow.commandLine("--help").getSubcommands().keySet()).containsExactlyElementsOf(all);
    }
}
