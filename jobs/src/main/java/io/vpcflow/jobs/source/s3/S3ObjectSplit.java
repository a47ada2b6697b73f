package io.vpcflow.jobs.source.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One S3 object to read, its size in bytes as announced (-1 when unknown), and how many of its items (records and
 * dead letters) were already handed on: the position a restored reader skips to. For a Parquet object the items
 * are counted from the start of row group {@code rowGroup}, which a restored reader goes to directly.
 */
public record S3ObjectSplit(String bucket, String key, long size, long handedOn, int rowGroup) implements SourceSplit {
    S3ObjectSplit(String bucket, String key, long size) {
        this(bucket, key, size, 0, 0);
    }

    @Override
    public String splitId() {
        return bucket + "/" + key;
    }

    S3ObjectSplit at(int group, long items) {
        return new S3ObjectSplit(bucket, key, size, items, group);
    }

    /** Serializes splits for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<S3ObjectSplit> {
        public static final Serializer INSTANCE = new Serializer();

        /** 2: with the object's size; 3: with the row group. */
        static final int VERSION = 3;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(S3ObjectSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                write(split, out);
            }
            return bytes.toByteArray();
        }

        @Override
        public S3ObjectSplit deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return read(in, version);
            }
        }

        static void write(S3ObjectSplit s, DataOutputStream out) throws IOException {
            out.writeUTF(s.bucket());
            out.writeUTF(s.key());
            out.writeLong(s.handedOn());
            out.writeLong(s.size());
            out.writeInt(s.rowGroup());
        }

        /** Reads a split written by {@link #write} at {@code version}; version 1 had no size, 2 no row group. */
        static S3ObjectSplit read(DataInputStream in, int version) throws IOException {
            String bucket = in.readUTF();
            String key = in.readUTF();
            long handedOn = in.readLong();
            long size = version >= 2 ? in.readLong() : -1;
            int group = version >= 3 ? in.readInt() : 0;
            return new S3ObjectSplit(bucket, key, size, handedOn, group);
        }
    }
}
