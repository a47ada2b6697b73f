package io.vpcflow.jobs.source.s3;

import io.vpcflow.format.parquet.StorageReadException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object as parquet-java reads it: by ranged GETs, never the whole object. The footer comes with the file's
 * last {@value #BLOCK} bytes in one request; a row group's column chunks, read in one piece by parquet-java, in
 * another. A request S3 cannot answer (a dropped connection, a 5xx) is a {@link StorageReadException}: the reader tries the
 * object again later from its position. An object that went away meanwhile (4xx) is the object's fault.
 */
final class S3InputFile implements InputFile {
    static final int BLOCK = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long length;
    /** The ranges asked for, {@code [from, to)}, for tests that check how an object is read. */
    private final java.util.List<long[]> ranges = new java.util.ArrayList<>();

    S3InputFile(S3Client s3, String bucket, String key, long length) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
    }

    @Override
    public long getLength() {
        return length;
    }

    java.util.List<long[]> ranges() {
        return ranges;
    }

    /** Bytes {@code [from, from+n)} of the object. */
    private byte[] range(long from, int n) throws IOException {
        ranges.add(new long[] {from, from + n});
        try {
            return s3.getObject(
                            r -> r.bucket(bucket).key(key).range("bytes=" + from + "-" + (from + n - 1)),
                            ResponseTransformer.toBytes())
                    .asByteArrayUnsafe();
        } catch (S3Exception e) {
            if (e.statusCode() >= 500) {
                throw new StorageReadException("S3 could not give bytes " + from + "+" + n + ": " + e.getMessage(), e);
            }
            throw new UncheckedIOException(new IOException("the object changed while read: " + e.getMessage(), e));
        } catch (SdkClientException e) {
            throw new StorageReadException(
                    "S3 could not be reached for bytes " + from + "+" + n + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SeekableInputStream newStream() {
        return new SeekableInputStream() {
            private long pos;
            private byte[] buf = new byte[0];
            private long bufStart;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void seek(long newPos) {
                pos = newPos;
            }

            private int buffered() {
                long at = pos - bufStart;
                return at >= 0 && at < buf.length ? (int) (buf.length - at) : 0;
            }

            /** Fills the buffer from {@link #pos}: the tail of the object in one block when near its end. */
            private void fill() throws IOException {
                if (pos >= length) {
                    throw new EOFException("read past the end of the object (" + length + " bytes)");
                }
                long from = length - pos <= BLOCK ? Math.max(0, length - BLOCK) : pos;
                int n = (int) Math.min(BLOCK, length - from);
                buf = range(from, n);
                bufStart = from;
                if (buf.length != n) {
                    throw new StorageReadException("S3 gave " + buf.length + " of " + n + " bytes asked for", null);
                }
            }

            @Override
            public int read() throws IOException {
                if (pos >= length) {
                    return -1;
                }
                if (buffered() == 0) {
                    fill();
                }
                return buf[(int) (pos++ - bufStart)] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - pos);
                readFully(b, off, n);
                return n;
            }

            @Override
            public void readFully(byte[] b) throws IOException {
                readFully(b, 0, b.length);
            }

            @Override
            public void readFully(byte[] b, int off, int len) throws IOException {
                if (pos + len > length) {
                    throw new EOFException("the object has " + length + " bytes, not " + (pos + len));
                }
                int have = buffered();
                if (have >= len) {
                    System.arraycopy(buf, (int) (pos - bufStart), b, off, len);
                    pos += len;
                    return;
                }
                if (len - have > BLOCK) {
                    // A column chunk or more: one request of exactly that, straight into the caller's array.
                    System.arraycopy(buf, (int) (pos - bufStart), b, off, have);
                    byte[] got = range(pos + have, len - have);
                    if (got.length != len - have) {
                        throw new StorageReadException(
                                "S3 gave " + got.length + " of " + (len - have) + " bytes asked for", null);
                    }
                    System.arraycopy(got, 0, b, off + have, got.length);
                    pos += len;
                    return;
                }
                while (len > 0) {
                    if (buffered() == 0) {
                        fill();
                    }
                    int n = Math.min(len, buffered());
                    System.arraycopy(buf, (int) (pos - bufStart), b, off, n);
                    pos += n;
                    off += n;
                    len -= n;
                }
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = (int) Math.min(dst.remaining(), length - pos);
                if (n <= 0) {
                    return dst.hasRemaining() ? -1 : 0;
                }
                readInto(dst, n);
                return n;
            }

            @Override
            public void readFully(ByteBuffer dst) throws IOException {
                readInto(dst, dst.remaining());
            }

            /** {@code n} bytes into {@code dst}: straight into its array when it has one (parquet-java's are heap). */
            private void readInto(ByteBuffer dst, int n) throws IOException {
                if (dst.hasArray()) {
                    readFully(dst.array(), dst.arrayOffset() + dst.position(), n);
                    dst.position(dst.position() + n);
                    return;
                }
                byte[] b = new byte[n];
                readFully(b, 0, n);
                dst.put(b);
            }

            @Override
            public void close() {
                // Nothing is held open between requests.
            }
        };
    }
}
