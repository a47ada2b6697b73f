package io.vpcflow.cli;

import io.vpcflow.bench.BenchCommand;
import io.vpcflow.cli.data.GenerateCommand;
import io.vpcflow.cli.data.InspectCommand;
import io.vpcflow.cli.inventory.InventoryCommand;
import io.vpcflow.cli.job.DeployCommand;
import io.vpcflow.cli.job.ReplayCommand;
import io.vpcflow.cli.job.StreamCommand;
import io.vpcflow.cli.query.QueryCommand;
import io.vpcflow.cli.query.ReportCommand;
import io.vpcflow.cli.query.SuggestCommand;
import io.vpcflow.cli.query.WhatIfCommand;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vpcflow} command line: one entry point in front of every job and tool. */
@Command(
        name = "vpcflow",
        mixinStandardHelpOptions = true,
        versionProvider = Vpcflow.Version.class,
        description = "VPC Flow Logs analytics: parse, attribute, judge against security-group intent, write Parquet.")
public final class Vpcflow implements Runnable {
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            ReplayCommand.class,
            StreamCommand.class,
            DeployCommand.class,
            BenchCommand.class,
            QueryCommand.class,
            ReportCommand.class,
            WhatIfCommand.class,
            SuggestCommand.class,
            GenerateCommand.class,
            InspectCommand.class,
            InventoryCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** The configured command line with every subcommand; tests run it in-process with their own writers. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line with only the subcommand named {@code first} when there is one by that name, else with all.
     * Building a subcommand's model reads every option of it by reflection, at every start: a run of one command
     * needs no other's.
     */
    static CommandLine commandLine(String first) {
        List<Class<?>> only =
                COMMANDS.stream().filter(c -> nameOf(c).equals(first)).toList();
        CommandLine cl = new CommandLine(new Vpcflow());
        for (Class<?> c : only.isEmpty() || first.equals("help") ? COMMANDS : only) {
            cl.addSubcommand(nameOf(c), c);
        }
        cl.setParameterExceptionHandler(Vpcflow::onParameterError);
        cl.setExecutionExceptionHandler(Vpcflow::onExecutionError);
        return cl;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // A user mistake gets one sentence and a pointer to --help, not the whole usage text.
    private static int onParameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("vpcflow: " + TerminalText.safe(e.getMessage()));
        err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserError) {
            // A sentence may quote other people's text (an id, a key): a hostile one is cut, not printed whole.
            err.println("vpcflow: " + TerminalText.safe(e.getMessage(), 1000));
            err.flush();
            return EXIT_USAGE;
        }
        // A bug, not a user mistake: say so in one line; the stack trace only on request.
        err.println("vpcflow: internal error: " + TerminalText.safe(String.valueOf(e))
                + " (set VPCFLOW_DEBUG=1 for the stack trace)");
        if (System.getenv("VPCFLOW_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return 70;
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Vpcflow.class.getResourceAsStream("/vpcflow-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "vpcflow " + p.getProperty("version", "unknown"), "Java " + System.getProperty("java.version")
            };
        }
    }
}
