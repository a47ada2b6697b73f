package io.vpcflow.delivery;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one rule for which local files a run reads, shared by {@code inspect}, {@code replay} and the job's file
 * source, so that what the summary counts is what the job read.
 *
 * <ul>
 *   <li>A path the user names is read whatever its name. Below it, names starting with {@code .} or {@code _} are
 *       skipped and counted: hidden files and the markers other tools leave ({@code _SUCCESS}, {@code _temporary}).
 *   <li>Links are followed, and each file and folder is read once however many links lead to it; a link to a
 *       folder above itself (a loop) is not followed.
 *   <li>What cannot be read as a file (a link to nothing, a FIFO, a socket, a device, a folder that cannot be
 *       listed) is never opened: it is listed as unreadable, with why, for the run to report as a dead letter.
 * </ul>
 */
public final class LocalFiles {
    private LocalFiles() {}

    /** A path the walk found but cannot read, and why in a few words. */
    public record Unreadable(Path path, String why) {}

    /**
     * What a walk found.
     *
     * @param files      the files to read, each once, sorted by name within each folder
     * @param unreadable entries that are not readable files
     * @param loops      links that lead back to a folder above them, not followed
     * @param hidden     entries skipped for their name
     */
    public record Listing(List<Path> files, List<Unreadable> unreadable, List<Path> loops, int hidden) {}

    /** Whether a name below a named path is skipped. */
    public static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /**
     * Why a path cannot be read as a file, or null when it is a regular file (after links) or a folder. Checked
     * again just before a file is opened: opening a FIFO would wait for a writer forever.
     */
    public static String problem(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (a.isRegularFile() || a.isDirectory()) {
                return null;
            }
            return "neither a file nor a folder (a FIFO, socket or device): not opened";
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(p) ? "a link to nothing: " + target(p) : "no longer there";
        } catch (FileSystemException e) {
            // ELOOP: links that lead to each other and never to a file.
            return Files.isSymbolicLink(p) ? "a loop of links" : "cannot be read: " + e.getReason();
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
    }

    /**
     * Walks the named paths.
     *
     * @throws NoSuchFileException when a named path does not exist (a broken link named directly is unreadable)
     */
    public static Listing walk(List<Path> roots) throws NoSuchFileException {
        Walk w = new Walk();
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(root.toString());
            }
            w.visit(root, true);
        }
        return new Listing(List.copyOf(w.files), List.copyOf(w.unreadable), List.copyOf(w.loops), w.hidden);
    }

    private static final class Walk {
        final List<Path> files = new ArrayList<>();
        final List<Unreadable> unreadable = new ArrayList<>();
        final List<Path> loops = new ArrayList<>();
        final Set<Path> seen = new HashSet<>();
        final Deque<Path> above = new ArrayDeque<>();
        int hidden;

        void visit(Path p, boolean named) {
            Path name = p.getFileName();
            if (!named && name != null && hidden(name.toString())) {
                hidden++;
                return;
            }
            String problem = problem(p);
            if (problem != null) {
                unreadable.add(new Unreadable(p, problem));
                return;
            }
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                unreadable.add(new Unreadable(p, "cannot be read: " + e.getMessage()));
                return;
            }
            if (!Files.isDirectory(real)) {
                if (seen.add(real)) {
                    files.add(p);
                }
                return;
            }
            if (above.contains(real)) {
                loops.add(p);
                return;
            }
            if (!seen.add(real)) {
                return; // a folder already walked by another way
            }
            List<Path> children;
            try (Stream<Path> list = Files.list(p)) {
                children = list.sorted().toList();
            } catch (IOException e) {
                unreadable.add(new Unreadable(p, "a folder that cannot be listed: " + e.getMessage()));
                return;
            }
            above.push(real);
            for (Path c : children) {
                visit(c, false);
            }
            above.pop();
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Deletes {@code root} and everything below it; links are deleted, never followed. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
