package io.vpcflow.jobs.aws;

import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where fetched snapshots are written: a local folder (each snapshot moved into place whole) or an S3 prefix (each
 * snapshot's marker last). The command line's fetch and the job's own fetch write through this one.
 */
public final class InventoryDestination {
    private final Path local;
    private final S3InventoryStore s3;

    private InventoryDestination(Path local, S3InventoryStore s3) {
        this.local = local;
        this.s3 = s3;
    }

    public static InventoryDestination local(Path root) {
        return new InventoryDestination(root, null);
    }

    public static InventoryDestination s3(S3InventoryStore root) {
        return new InventoryDestination(null, root);
    }

    /** The store's own destination, or null for a store that is only read (a Flink file system). */
    public static InventoryDestination of(InventoryStore store) {
        if (store instanceof S3InventoryStore s) {
            return s3(s);
        }
        return store instanceof InventoryStore.Local l ? local(l.root()) : null;
    }

    /**
     * Writes a snapshot into {@code folder} below the root ("" for the root itself) and says where.
     *
     * @throws IOException when it cannot be written
     */
    public String write(InventorySnapshot s, String folder, String account, String region, Map<String, String> errors)
            throws IOException {
        if (s3 != null) {
            s3.write(s, folder, account, region, errors);
            return s3.name(folder);
        }
        Path dir = folder.isEmpty() ? local : local.resolve(folder);
        InventoryFiles.write(s, dir, account, region, errors);
        return dir.toString();
    }
}
