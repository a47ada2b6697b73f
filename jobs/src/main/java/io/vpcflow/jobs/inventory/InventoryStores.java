package io.vpcflow.jobs.inventory;

import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.jobs.aws.AwsClients;
import io.vpcflow.jobs.aws.S3InventoryStore;
import io.vpcflow.jobs.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/** Opens the store an inventory root names: a local folder, {@code s3://} (the AWS SDK), or any Flink file system. */
public final class InventoryStores {
    private InventoryStores() {}

    /** The store, and the S3 client it holds when it is on S3 (closed with it). */
    public static InventoryStore open(JobConfig.Inventory inventory) {
        String dir = inventory.dir;
        if (S3InventoryStore.isS3(dir)) {
            return new S3InventoryStore(new AwsClients(inventory.region, null, inventory.endpointOrNull()).s3(), dir);
        }
        if (dir.startsWith("file://")) {
            return InventoryStore.local(Paths.get(URI.create(dir)));
        }
        if (dir.contains("://")) {
            return new FlinkStore(dir);
        }
        return InventoryStore.local(Paths.get(dir));
    }

    /** A root on a Flink file system (HDFS, GCS, Azure...): what the cluster's plugins can read. */
    static final class FlinkStore implements InventoryStore {
        private final String root;

        FlinkStore(String root) {
            this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        }

        @Override
        public SortedMap<String, String> list() {
            SortedMap<String, String> files = new TreeMap<>();
            try {
                Path base = new Path(root);
                FileSystem fs = base.getFileSystem();
                if (!fs.exists(base)) {
                    throw new InventoryException("no inventory folder at " + root);
                }
                walk(fs, base, "", 0, files);
            } catch (IOException e) {
                throw new InventoryException("cannot list the inventory at " + root + ": " + e.getMessage(), e);
            }
            return files;
        }

        private static void walk(FileSystem fs, Path dir, String rel, int depth, SortedMap<String, String> files)
                throws IOException {
            if (depth > MAX_DEPTH) {
                return;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                String path = rel.isEmpty() ? name : rel + "/" + name;
                if (s.isDir()) {
                    walk(fs, s.getPath(), path, depth + 1, files);
                } else {
                    files.put(path, s.getLen() + ":" + s.getModificationTime());
                }
            }
        }

        @Override
        public byte[] read(String path) throws IOException {
            Path p = new Path(root + "/" + path);
            FileSystem fs = p.getFileSystem();
            if (!fs.exists(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        }

        @Override
        public String name(String path) {
            return path.isEmpty() ? root : root + "/" + path;
        }
    }
}
