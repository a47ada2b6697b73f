package io.vpcflow.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns the paths a user names into the files to read: folders are walked, in a stable order. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Every regular file named or below a named folder, sorted per argument; hidden files (a name
     * starting with a dot) below folders are skipped. A broken link below a folder is kept, so that
     * reading it reports it.
     *
     * @throws UserError when a path does not exist or a folder holds no file
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError("no such file or folder: " + p);
            }
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                List<Path> below = walk.filter(f -> !Files.isDirectory(f))
                        .filter(f -> !p.relativize(f).toString().startsWith(".")
                                && !f.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
                if (below.isEmpty()) {
                    throw new UserError("the folder " + p + " holds no files");
                }
                files.addAll(below);
            } catch (IOException | UncheckedIOException e) {
                throw new UserError("cannot list the folder " + p + ": " + e.getMessage());
            }
        }
        return files;
    }
}
