package io.vpcflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vpcflow bench --one-shot}: each run a fresh process, as a user starts one: vpcflow's replay through the
 * launcher beside the jar, DuckDB through JDBC in a JVM of its own. A run's cost is its process CPU (every thread,
 * start-up included) minus that of the same command on a small set of the same estate, so what is compared is the
 * work the records add; the medians of the repeats are reported, and the DuckDB/vpcflow ratio of each pair.
 */
final class OneShot {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of run: its name and its command for a data set and an output folder. */
    record Kind(String name, java.util.function.BiFunction<Path, Path, List<String>> command) {}

    /** One run's process: CPU seconds it reported, wall seconds, and the flows it counted. */
    record Measured(double cpuSeconds, double wallSeconds, long flows) {}

    private final Path jar;
    private final PrintWriter out;

    OneShot(PrintWriter out) {
        this.out = out;
        try {
            jar = Paths.get(OneShot.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command that starts vpcflow as a user does: the launcher beside the jar, else {@code java -jar}. */
    List<String> vpcflow(String... args) {
        List<String> cmd = new ArrayList<>();
        Path launcher = jar.resolveSibling("vpcflow");
        if (Files.isExecutable(launcher)) {
            cmd.add(launcher.toString());
        } else {
            cmd.addAll(java());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java -jar} this jar on the JVM's defaults. */
    List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code command}, which prints one JSON object with {@code cpuSeconds} and {@code records} last. */
    Measured run(List<String> command, Path log) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("a run did not end in 30 minutes: " + String.join(" ", command));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            // Its last line is what it said last: the reason, for a run that stops on one.
            throw new IOException("a run failed (exit " + p.exitValue() + ", saying \""
                    + (last.length() > 300 ? last.substring(0, 300) : last) + "\"; its output is in " + log + ")");
        }
        JsonNode o = JSON.readTree(last);
        return new Measured(
                o.path("cpuSeconds").asDouble(), wall, o.path("records").asLong());
    }

    /**
     * Measures each kind {@code repeat} times on the large and the small set and prints the table; returns false
     * when a run counted other than {@code records} flows.
     */
    boolean compare(List<Kind> kinds, Path big, long records, Path small, long smallRecords, Path work, int repeat)
            throws IOException, InterruptedException {
        double[] cost = new double[kinds.size()];
        out.printf(
                "%,d records against %,d of the same estate, one fresh process per run, medians of %d:%n",
                records, smallRecords, repeat);
        out.printf("%-30s %12s %12s %12s %12s%n", "run", "CPU s", "small CPU s", "added CPU s", "wall s");
        for (int k = 0; k < kinds.size(); k++) {
            Kind kind = kinds.get(k);
            List<Measured> large = new ArrayList<>();
            List<Measured> little = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                for (boolean isBig : new boolean[] {true, false}) {
                    Path o = work.resolve("out-" + k + "-" + i + (isBig ? "-big" : "-small"));
                    Measured m =
                            run(kind.command().apply(isBig ? big : small, o), work.resolve(o.getFileName() + ".log"));
                    if (m.flows() != (isBig ? records : smallRecords)) {
                        out.printf(
                                "%s counted %,d flows, not %,d%n",
                                kind.name(), m.flows(), isBig ? records : smallRecords);
                        return false;
                    }
                    (isBig ? large : little).add(m);
                }
            }
            Measured l = median(large);
            Measured s = median(little);
            cost[k] = l.cpuSeconds() - s.cpuSeconds();
            out.printf(
                    "%-30s %12.2f %12.2f %12.2f %12.2f%n",
                    kind.name(), l.cpuSeconds(), s.cpuSeconds(), cost[k], l.wallSeconds());
            out.printf(
                    "  CPU s of every large run: %s%n",
                    large.stream()
                            .map(m -> String.format("%.2f", m.cpuSeconds()))
                            .toList());
        }
        for (int k = 0; k + 1 < kinds.size(); k += 2) {
            out.printf(
                    "DuckDB/vpcflow, added CPU (above 1: vpcflow costs less): %s %s%n",
                    kinds.get(k).name(), ratio(cost[k], cost[k + 1]));
        }
        out.flush();
        return true;
    }

    /**
     * DuckDB's added CPU over vpcflow's. On a set too small for the difference to rise above the noise of a
     * process start, one of them comes out zero or negative, and a quotient of it would be read as a result.
     */
    static String ratio(double vpcflowAdded, double duckdbAdded) {
        if (vpcflowAdded <= 0 || duckdbAdded <= 0) {
            return "not measurable: the larger set added no CPU above the smaller one's; give more --records";
        }
        return String.format("%.2f", duckdbAdded / vpcflowAdded);
    }

    private static Measured median(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Measured::cpuSeconds));
        return sorted.get(sorted.size() / 2);
    }
}
