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
 * dead letters) were already handed on: the position a restored reader skips to.
 */
public record S3ObjectSplit(String bucket, String key, long size, long handedOn) implements SourceSplit {
    @Override
    public String splitId() {
        return bucket + "/" + key;
    }

    S3ObjectSplit at(long items) {
        return new S3ObjectSplit(bucket, key, size, items);
    }

    /** Serializes splits for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<S3ObjectSplit> {
        public static final Serializer INSTANCE = new Serializer();

        /** 2: with the object's size. */
        static final int VERSION = 2;

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
        }

        /** Reads a split written by {@link #write} at {@code version}; version 1 had no size. */
        static S3ObjectSplit read(DataInputStream in, int version) throws IOException {
            String bucket = in.readUTF();
            String key = in.readUTF();
            long handedOn = in.readLong();
            long size = version >= 2 ? in.readLong() : -1;
            return new S3ObjectSplit(bucket, key, size, handedOn);
        }
    }
}
