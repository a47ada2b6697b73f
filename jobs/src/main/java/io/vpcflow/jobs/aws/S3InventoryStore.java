package io.vpcflow.jobs.aws;

import io.vpcflow.delivery.LocalFiles;
import io.vpcflow.inventory.InventoryException;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.files.InventoryFiles;
import io.vpcflow.inventory.files.InventoryStore;
import io.vpcflow.text.Lines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An inventory root under an S3 prefix ({@code s3://bucket/prefix}): listed with one paged ListObjectsV2, read with
 * GetObject, written with PutObject, each snapshot's marker last (a reader takes a folder without its marker for one
 * still being written, and the S3 store has no rename to make it appear whole).
 */
public final class S3InventoryStore implements InventoryStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** @param uri {@code s3://bucket} or {@code s3://bucket/prefix} */
    public S3InventoryStore(S3Client s3, String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        this.bucket = slash < 0 ? rest : rest.substring(0, slash);
        String p = slash < 0 ? "" : rest.substring(slash + 1);
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("an s3:// URI names a bucket: " + uri);
        }
        this.s3 = s3;
    }

    /** Closes the S3 client this store was given. */
    @Override
    public void close() {
        s3.close();
    }

    public static boolean isS3(String uri) {
        return uri != null && uri.startsWith("s3://");
    }

    @Override
    public SortedMap<String, String> list() {
        SortedMap<String, String> files = new TreeMap<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(o -> {
                        String rel = o.key().substring(prefix.length());
                        if (!rel.isEmpty() && !rel.endsWith("/") && rel.split("/").length <= MAX_DEPTH) {
                            files.put(rel, o.size() + ":" + o.eTag());
                        }
                    });
        } catch (SdkException e) {
            throw new InventoryException(
                    "cannot list the inventory at " + name("") + ": " + Lines.first(e.getMessage()), e);
        }
        // S3 has no rename to make a folder appear whole: a snapshot is there once its marker is (written last), and
        // a folder without one is still being written. (AWS CLI output copied up by hand needs a marker: {} will do.)
        files.keySet().removeIf(k -> {
            String folder = k.contains("/") ? k.substring(0, k.lastIndexOf('/') + 1) : "";
            return !files.containsKey(folder + InventoryFiles.META);
        });
        return files;
    }

    @Override
    public byte[] read(String path) throws IOException {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + path)).asByteArray();
        } catch (NoSuchKeyException gone) {
            return null;
        } catch (SdkException e) {
            throw new IOException(Lines.first(e.getMessage()), e);
        }
    }

    @Override
    public String name(String path) {
        return "s3://" + bucket + "/" + prefix + path;
    }

    /**
     * Writes a snapshot under {@code folder} (relative to the root): every file, then the marker.
     *
     * @throws IOException when a file cannot be written locally first, or S3 refuses one
     */
    public void write(InventorySnapshot s, String folder, String account, String region, Map<String, String> errors)
            throws IOException {
        Path local = Files.createTempDirectory("vpcflow-inventory-");
        try {
            Path dir = local.resolve("snapshot");
            InventoryFiles.write(s, dir, account, region, errors);
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = new ArrayList<>(list.sorted().toList());
            }
            files.sort((a, b) -> Boolean.compare(
                    a.getFileName().toString().equals(InventoryFiles.META),
                    b.getFileName().toString().equals(InventoryFiles.META)));
            String base = prefix + (folder.isEmpty() ? "" : folder + "/");
            for (Path f : files) {
                try {
                    s3.putObject(r -> r.bucket(bucket).key(base + f.getFileName()), RequestBody.fromFile(f));
                } catch (SdkException e) {
                    throw new IOException(name(folder) + ": " + Lines.first(e.getMessage()), e);
                }
            }
        } finally {
            LocalFiles.deleteTree(local);
        }
    }
}
