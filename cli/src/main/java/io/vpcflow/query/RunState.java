package io.vpcflow.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

/**
 * What a warehouse's last run says of itself, in {@code vpcflow-run.json} beside its tables: written when a run
 * starts, and again when it ends (complete, interrupted or failed), the counts with it. A replay's tables are
 * whole only once it says complete; a stream's are whole up to its last checkpoint at any time.
 *
 * @param command  {@code replay} or {@code stream}
 * @param started  when it started (UTC, ISO-8601); {@code ended} likewise
 * @param state    running, complete, interrupted or failed
 * @param detail   for a run that did not complete, what was done and what was left, or the failure
 * @param counts   what the run wrote, once it is over (files, records, dead letters)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunState(
        String command, String state, String started, String ended, String detail, Map<String, Object> counts) {
    public static final String FILE = "vpcflow-run.json";
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunState started(String command) {
        return new RunState(command, RUNNING, Instant.now().toString(), null, null, null);
    }

    public RunState ended(String state, String detail, Map<String, Object> counts) {
        return new RunState(command, state, started, Instant.now().toString(), detail, counts);
    }

    /** Replaces the folder's state file whole: a reader sees the old one or the new one, never half of one. */
    public void writeTo(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The folder's state, or null when it has none. */
    public static RunState of(Path dir) throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(dir.resolve(FILE)), RunState.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Why the tables in {@code dir} are not a whole run, in a sentence; null when they are.
     *
     * @param writerAlive whether a live process holds the folder's output lock
     */
    public static String incomplete(Path dir, boolean writerAlive) throws IOException {
        RunState s;
        try {
            s = of(dir);
        } catch (IOException e) {
            return "the run state of " + dir + " (" + FILE + ") cannot be read: " + e.getMessage();
        }
        if (s == null) {
            return "nothing in " + dir + " says the run that wrote it finished (no " + FILE + ")";
        }
        if ("stream".equals(s.command) || COMPLETE.equals(s.state)) {
            return null; // a stream's tables are whole up to its last checkpoint
        }
        return switch (s.state) {
            case RUNNING ->
                writerAlive
                        ? "a " + s.command + " started at " + s.started + " is still writing " + dir
                        : "the " + s.command + " that started writing " + dir + " at " + s.started
                                + " stopped before it finished";
            case INTERRUPTED ->
                "the " + s.command + " writing " + dir + " was interrupted at " + s.ended + ": " + s.detail;
            default -> "the " + s.command + " writing " + dir + " failed at " + s.ended + ": " + s.detail;
        };
    }
}
