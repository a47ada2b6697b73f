package io.vpcflow.jobs.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** How the S3 source's enumerator answers readers: small objects several at a time, the rest one by one. */
class S3SplitEnumeratorTest {
    private static final long KIB = 1024;

    @Test
    void smallObjectsGoSeveralToAnAnswerWithinTheBytesTheCountAndTheReadersShare() throws Exception {
        List<S3ObjectSplit> pending = new ArrayList<>();
        pending.addAll(objects("quiet", 100, 4 * KIB)); // 100 objects of 4 KiB
        pending.addAll(objects("busy", 12, 200 * KIB)); // 200 KiB each: five fit in 1 MiB
        pending.add(object("unknown", -1));
        pending.add(object("large", 3 << 20));
        pending.addAll(objects("tail", 2, 4 * KIB));
        try (MockSplitEnumeratorContext<S3ObjectSplit> context = new MockSplitEnumeratorContext<>(2)) {
            S3SplitEnumerator enumerator = withTwoReaders(context, pending);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 40 && answers.size() < 40; i++) {
                int before = context.getSplitsAssignmentSequence().size();
                enumerator.handleSplitRequest(i % 2, "localhost");
                if (context.getSplitsAssignmentSequence().size() == before) {
                    break;
                }
                answers.add(describe(last(context), i % 2));
            }
            assertThat(answers)
                    .containsExactly(
                            // 116 pending and 2 readers: a share of 58 (an answer also stops at 64 objects or 1 MiB)
                            "0: 58 quiet",
                            "1: 29 quiet",
                            "0: 13 quiet, 1 busy",
                            // 1 MiB holds five of 200 KiB
                            "1: 5 busy",
                            "0: 5 busy",
                            // an object of unknown size goes alone
                            "1: 1 busy",
                            "0: 1 unknown",
                            "1: 1 large",
                            "0: 1 tail",
                            "1: 1 tail");
            assertThat(context.getSplitsAssignmentSequence().stream()
                            .mapToInt(a -> a.assignment().values().stream()
                                    .mapToInt(List::size)
                                    .sum())
                            .sum())
                    .as("every object once")
                    .isEqualTo(pending.size());
        }
    }

    @Test
    void splitsKeepTheirSizeAndRowGroupInCheckpointsAndOnesFromBeforeSizesAreUnknown() throws Exception {
        S3ObjectSplit split = new S3ObjectSplit("b", "k/1.log.parquet", 4096, 7, 3);
        S3ObjectSplit.Serializer serializer = S3ObjectSplit.Serializer.INSTANCE;
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)))
                .isEqualTo(split);

        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(v1)) {
            out.writeUTF("b");
            out.writeUTF("k/1.log.gz");
            out.writeLong(7);
        }
        assertThat(serializer.deserialize(1, v1.toByteArray()))
                .isEqualTo(new S3ObjectSplit("b", "k/1.log.gz", -1, 7, 0));

        EnumeratorState state = new EnumeratorState(List.of(split), Set.of("b/k/0.log.gz"), true);
        EnumeratorState.Serializer states = new EnumeratorState.Serializer();
        assertThat(states.deserialize(states.getVersion(), states.serialize(state)))
                .isEqualTo(state);
    }

    private static S3SplitEnumerator withTwoReaders(
            MockSplitEnumeratorContext<S3ObjectSplit> context, List<S3ObjectSplit> pending) {
        // No queue and no listing: the objects come from the state, as after a restore.
        S3NotificationSource.Config config =
                new S3NotificationSource.Config(null, null, "bucket", "", null, false, null, 1000, null);
        S3SplitEnumerator enumerator =
                new S3SplitEnumerator(config, context, new EnumeratorState(pending, Set.of(), true));
        for (int subtask = 0; subtask < 2; subtask++) {
            context.registerReader(new ReaderInfo(subtask, "localhost"));
            enumerator.addReader(subtask);
        }
        return enumerator;
    }

    private static List<S3ObjectSplit> objects(String name, int n, long size) {
        List<S3ObjectSplit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(object(name + "/" + i, size));
        }
        return out;
    }

    private static S3ObjectSplit object(String key, long size) {
        return new S3ObjectSplit("bucket", key, size);
    }

    /** "subtask: n name, m name" for the objects of one answer, by the first part of their keys. */
    private static String describe(SplitsAssignment<S3ObjectSplit> a, int subtask) {
        List<String> parts = new ArrayList<>();
        String name = null;
        int n = 0;
        for (S3ObjectSplit s : a.assignment().get(subtask)) {
            String k = s.key().split("/")[0];
            if (!k.equals(name) && name != null) {
                parts.add(n + " " + name);
                n = 0;
            }
            name = k;
            n++;
        }
        parts.add(n + " " + name);
        return subtask + ": " + String.join(", ", parts);
    }

    private static SplitsAssignment<S3ObjectSplit> last(MockSplitEnumeratorContext<S3ObjectSplit> context) {
        List<SplitsAssignment<S3ObjectSplit>> all = context.getSplitsAssignmentSequence();
        return all.get(all.size() - 1);
    }
}
