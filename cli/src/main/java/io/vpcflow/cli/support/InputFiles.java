package io.vpcflow.cli.support;

import io.vpcflow.delivery.LocalFiles;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Turns the paths a user names into the files to read, by the rule the job's file source follows too. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The files named or below named folders ({@link LocalFiles}), each once.
     *
     * @throws UserError when a path does not exist or nothing named holds a file
     */
    public static LocalFiles.Listing expand(List<Path> paths) {
        LocalFiles.Listing l;
        try {
            l = LocalFiles.walk(paths);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file or folder: " + e.getFile());
        }
        if (l.files().isEmpty() && l.unreadable().isEmpty()) {
            throw new UserError(
                    paths.size() == 1
                            ? "the folder " + paths.get(0) + " holds no files" + hiddenNote(l)
                            : "the paths named hold no files" + hiddenNote(l));
        }
        return l;
    }

    /** One line each for what the walk left out: hidden names (counted), links not followed. */
    public static void printSkipped(LocalFiles.Listing l, PrintWriter err) {
        if (l.hidden() > 0) {
            err.printf(
                    "vpcflow: skipped %,d hidden file%s or folder%s (names starting with . or _)%n",
                    l.hidden(), l.hidden() == 1 ? "" : "s", l.hidden() == 1 ? "" : "s");
        }
        for (Path loop : l.loops()) {
            err.println(
                    "vpcflow: not followed: " + TerminalText.safe(loop.toString()) + " links to a folder above itself");
        }
    }

    private static String hiddenNote(LocalFiles.Listing l) {
        return l.hidden() == 0 ? "" : " (only " + l.hidden() + " hidden, with names starting with . or _)";
    }
}
