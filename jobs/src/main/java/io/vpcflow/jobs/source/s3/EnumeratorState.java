package io.vpcflow.jobs.source.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What the S3 source's enumerator keeps in checkpoints: objects announced but not yet handed to a reader,
 * the events already taken (so a notification delivered again is not read twice), and whether the
 * initial listing is done.
 */
public record EnumeratorState(List<S3ObjectSplit> pending, Set<String> seen, boolean backfilled) {
    public EnumeratorState {
        pending = List.copyOf(pending);
        seen = Set.copyOf(seen);
    }

    /** Serializes the state for checkpoints. */
    public static final class Serializer implements SimpleVersionedSerializer<EnumeratorState> {
        /** 2: splits with their sizes; 3: and row groups ({@link S3ObjectSplit.Serializer#VERSION}). */
        @Override
        public int getVersion() {
            return S3ObjectSplit.Serializer.VERSION;
        }

        @Override
        public byte[] serialize(EnumeratorState s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeBoolean(s.backfilled());
                out.writeInt(s.pending().size());
                for (S3ObjectSplit split : s.pending()) {
                    S3ObjectSplit.Serializer.write(split, out);
                }
                out.writeInt(s.seen().size());
                for (String id : s.seen()) {
                    out.writeUTF(id);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public EnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                boolean backfilled = in.readBoolean();
                int n = in.readInt();
                List<S3ObjectSplit> pending = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    pending.add(S3ObjectSplit.Serializer.read(in, version));
                }
                int m = in.readInt();
                Set<String> seen = new LinkedHashSet<>();
                for (int i = 0; i < m; i++) {
                    seen.add(in.readUTF());
                }
                return new EnumeratorState(pending, seen, backfilled);
            }
        }
    }
}
