package io.vpcflow.jobs.source.file;

import io.vpcflow.delivery.LocalFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The files a file source reads, by {@link LocalFiles}' rule, so that the job reads what {@code replay} counted:
 * a configured path is read whatever its name (Flink's own enumerator skips a root named {@code _x}); below it,
 * hidden names are skipped. On the local file system links are followed once, and an entry that is not a readable
 * file becomes a split of its own, which the reader turns into a dead letter without opening it. Other file
 * systems (S3, HDFS) have no links: only the name rule applies there.
 */
final class FlowLogFiles extends NonSplittingRecursiveEnumerator {
    FlowLogFiles() {
        super(path -> !LocalFiles.hidden(path.getName()));
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path root : paths) {
            FileSystem fs = root.getFileSystem();
            if (!fs.isDistributedFS() && "file".equals(fs.getUri().getScheme())) {
                addLocal(new File(root.toUri().getPath()).toPath(), splits);
                continue;
            }
            FileStatus status = fs.getFileStatus(root);
            if (!status.isDir()) {
                convertToSourceSplits(status, fs, splits);
                continue;
            }
            for (FileStatus child : fs.listStatus(root)) {
                addSplitsForPath(child, fs, (ArrayList<FileSourceSplit>) splits);
            }
        }
        return splits;
    }

    private void addLocal(java.nio.file.Path root, List<FileSourceSplit> splits) throws IOException {
        LocalFiles.Listing listing = LocalFiles.walk(List.of(root));
        for (java.nio.file.Path f : listing.files()) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            long size = a.size();
            splits.add(new FileSourceSplit(
                    getNextId(), path(f), 0, size, a.lastModifiedTime().toMillis(), size));
        }
        for (LocalFiles.Unreadable u : listing.unreadable()) {
            splits.add(new FileSourceSplit(getNextId(), path(u.path()), 0, 0, 0, 0));
        }
    }

    private static Path path(java.nio.file.Path f) {
        return new Path(f.toAbsolutePath().toUri());
    }
}
