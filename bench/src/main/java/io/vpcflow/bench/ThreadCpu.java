package io.vpcflow.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process's threads, by name, read from Linux's {@code /proc/self/task}: every thread, the JIT's and
 * the garbage collector's included, which the JVM's own thread beans do not see. A thread that ends takes its time
 * with it, so a run is sampled while it goes and each thread keeps the most it was seen with. Not thread-safe.
 */
final class ThreadCpu {
    /** Linux's USER_HZ, the unit of the times in {@code stat}: 100 on every platform Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> ticks = new HashMap<>();

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    /** Reads every thread's CPU time now. */
    void sample() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended while we looked
                }
                // "tid (name) state ppid ...": the name may hold spaces and parentheses, the fields after it do not.
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                String tid = task.getFileName().toString();
                names.put(tid, stat.substring(open + 1, close));
                ticks.merge(tid, cpu, Math::max);
            }
        } catch (IOException e) {
            // No /proc to read: nothing to report.
        }
    }

    /**
     * Seconds of CPU since {@code before}, by thread name with its numbers taken out (the JIT's and the collector's
     * threads come as one), the largest first.
     */
    Map<String, Double> secondsSince(ThreadCpu before) {
        Map<String, Double> byName = new TreeMap<>();
        ticks.forEach((tid, t) -> {
            long spent = t - before.ticks.getOrDefault(tid, 0L);
            if (spent > 0) {
                byName.merge(names.get(tid).replaceAll("[0-9#]+", "").strip(), spent / TICKS_PER_SECOND, Double::sum);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
