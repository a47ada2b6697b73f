package io.vpcflow.jobs.source.file;

import io.vpcflow.format.parquet.StorageReadException;
import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A file opened through a Flink file system, as parquet-java reads it: seekable, its length known from the split. */
final class FlinkInputFile implements InputFile {
    private final FSDataInputStream stream;
    private final long length;

    FlinkInputFile(FSDataInputStream stream, long length) {
        this.stream = stream;
        this.length = length;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new DelegatingSeekableInputStream(stream) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new StorageReadException("the file system could not give the bytes: " + e.getMessage(), e);
                }
            }

            @Override
            public void readFully(byte[] b, int off, int len) throws IOException {
                try {
                    super.readFully(b, off, len);
                } catch (java.io.EOFException e) {
                    throw e; // shorter than its footer says: the file's fault
                } catch (IOException e) {
                    throw new StorageReadException("the file system could not give the bytes: " + e.getMessage(), e);
                }
            }

            @Override
            public long getPos() throws IOException {
                return stream.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                stream.seek(newPos);
            }

            @Override
            public void close() {
                // The split's reader owns the stream and closes it.
            }
        };
    }
}
