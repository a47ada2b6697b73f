package io.vpcflow.jobs.source.file;

import io.vpcflow.format.parquet.StorageReadException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A file opened through a Flink file system, as parquet-java reads it: seekable, its length known from the split.
 * Every read that fails is the file system's failure ({@link StorageReadException}), whichever of parquet-java's
 * read paths made it; a file shorter than its footer says is the file's own.
 */
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
        FilterInputStream reads = new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (EOFException e) {
                    throw e;
                } catch (IOException e) {
                    throw failed(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EOFException e) {
                    throw e;
                } catch (IOException e) {
                    throw failed(e);
                }
            }

            @Override
            public void close() {
                // The split's reader owns the stream and closes it.
            }
        };
        return new DelegatingSeekableInputStream(reads) {
            @Override
            public long getPos() throws IOException {
                return stream.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                stream.seek(newPos);
            }
        };
    }

    private static StorageReadException failed(IOException e) {
        return new StorageReadException("the file system could not give the bytes: " + e.getMessage(), e);
    }
}
