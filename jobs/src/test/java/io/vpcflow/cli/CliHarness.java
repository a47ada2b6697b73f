package io.vpcflow.cli;

/** Runs the command line in-process for tests in other packages. */
public final class CliHarness {
    private CliHarness() {}

    /** What a run printed and returned. */
    public record Run(int exit, String out, String err) {}

    public static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }
}
