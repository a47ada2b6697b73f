package io.vpcflow.jobs.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One S3 object to read, and how many of its items (records and dead letters) were already handed on:
 * the position a restored reader skips to.
 */
public record S3ObjectSplit(String bucket, String key, long handedOn) implements SourceSplit {
    @Override
    public String splitId() {
        return bucket + "/" + key;
    }

    S3ObjectSplit at(long items) {
        return new S3ObjectSplit(bucket, key, items);
    }

    /** Serializes splits for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<S3ObjectSplit> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
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
                return read(in);
            }
        }

        static void write(S3ObjectSplit s, DataOutputStream out) throws IOException {
            out.writeUTF(s.bucket());
            out.writeUTF(s.key());
            out.writeLong(s.handedOn());
        }

        static S3ObjectSplit read(DataInputStream in) throws IOException {
            return new S3ObjectSplit(in.readUTF(), in.readUTF(), in.readLong());
        }
    }
}
