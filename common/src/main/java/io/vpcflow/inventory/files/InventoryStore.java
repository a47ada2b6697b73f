package io.vpcflow.inventory.files;

import io.vpcflow.inventory.InventoryException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an inventory root lives: a local folder here, an S3 prefix or a Flink file system in the job. It is listed
 * whole (one listing, not a walk per folder: an S3 root of fifty accounts is one paged call) and read file by file.
 */
public interface InventoryStore extends AutoCloseable {
    /**
     * Every file below the root by its path relative to it ({@code 111122223333/us-east-1/describe-vpcs.json}), with
     * a stamp that changes when the file does (size and modification time, an ETag).
     *
     * @throws InventoryException when the root is missing or cannot be listed
     */
    SortedMap<String, String> list();

    /** The bytes of a listed file, or null when it has gone since. */
    byte[] read(String path) throws IOException;

    /** The root and a path below it, to name it in messages. */
    String name(String path);

    /** Lets go of what the store holds (an S3 client); nothing for a local folder. */
    @Override
    default void close() {}

    /** How deep below the root files are looked for: {@code ROOT/<org>/<account>/<region>/<time>/file} and more. */
    int MAX_DEPTH = 10;

    static InventoryStore local(Path root) {
        return new Local(root);
    }

    /** A local folder; links are followed, a link loop is not. */
    record Local(Path root) implements InventoryStore {
        @Override
        public SortedMap<String, String> list() {
            if (!Files.isDirectory(root)) {
                throw new InventoryException("no inventory folder at " + root);
            }
            SortedMap<String, String> files = new TreeMap<>();
            try {
                Files.walkFileTree(
                        root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                                if (a.isRegularFile()) {
                                    StringBuilder rel = new StringBuilder();
                                    for (Path part : root.relativize(f)) {
                                        rel.append(rel.isEmpty() ? "" : "/").append(part);
                                    }
                                    files.put(
                                            rel.toString(),
                                            a.size() + ":"
                                                    + a.lastModifiedTime().toMillis());
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                                if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                                    return FileVisitResult.CONTINUE; // a loop, or a file gone while listing
                                }
                                throw e;
                            }
                        });
            } catch (IOException e) {
                throw new InventoryException("cannot list the inventory folder " + root + ": " + e.getMessage(), e);
            }
            return files;
        }

        @Override
        public byte[] read(String path) throws IOException {
            try {
                return Files.readAllBytes(root.resolve(path));
            } catch (NoSuchFileException gone) {
                return null;
            }
        }

        @Override
        public String name(String path) {
            return path.isEmpty() ? root.toString() : root.resolve(path).toString();
        }
    }
}
