package io.vpcflow.cli.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one run that writes into an output folder. A lock file in the folder names the run (command, process, host,
 * start time) and an operating-system lock on it is held while the run lasts, so a second run into the same folder
 * is refused in one sentence instead of doubling every total. A run that died left the file but not the lock: the
 * next run takes it over. The file stays after the run (deleting it would let a run that opened it before the
 * deletion lock a file nobody else sees).
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name; not a table, so every reader of the folder passes it by. */
    public static final String FILE = ".vpcflow-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder for this run, creating it if needed.
     *
     * @param command what runs, for the sentence another run gets (e.g. {@code replay})
     * @throws UserError when another run holds it
     */
    public static OutputLock acquire(Path out, String command) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a file, not a folder");
        }
        Files.createDirectories(out);
        Path file = out.resolve(FILE);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this very JVM
        }
        if (lock == null) {
            String owner = readOwner(channel);
            channel.close();
            throw new UserError("another run is writing into " + out
                    + (owner.isEmpty() ? "" : " (" + TerminalText.safe(owner, 200) + ")")
                    + ": wait for it to end, or give another --out");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("vpcflow " + command + ", process "
                        + ProcessHandle.current().pid() + " on " + host() + ", started " + Instant.now())
                .getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new OutputLock(channel, lock);
    }

    /**
     * As {@link #acquire}, for an output that may be a local path, a {@code file:} URI or an object store's
     * ({@code s3://...}), which has no lock to take: then null.
     */
    public static OutputLock acquireIfLocal(String output, String command) throws IOException {
        Path local = localPath(output);
        return local == null ? null : acquire(local, command);
    }

    /** The folder an output names on this machine (a path or a {@code file:} URI), or null for an object store. */
    public static Path localPath(String output) {
        if (output.startsWith("file:")) {
            return Paths.get(URI.create(output));
        }
        return output.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*") ? null : Paths.get(output);
    }

    /** Whether a live run holds the lock of {@code out} (a reader asks: are these tables still being written?). */
    public static boolean held(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by a run in this very JVM
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
