package io.vpcflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartialTableTest {
    @Test
    void findsAPartialByEqualTextsNotOnlyTheSameObjects() {
        PartialTable<String> table = new PartialTable<>(3);
        put(
                table,
                new Dimensions(3).set(0, "sg-1").set(1, null).set(2, "egress").hashed(),
                "kept");
        assertThat(get(
                        table,
                        new Dimensions(3)
                                .set(0, new String("sg-1"))
                                .set(1, null)
                                .set(2, new String("egress"))
                                .hashed()))
                .isEqualTo("kept");
        assertThat(get(
                        table,
                        new Dimensions(3)
                                .set(0, "sg-1")
                                .set(1, "r")
                                .set(2, "egress")
                                .hashed()))
                .isNull();
        assertThat(get(
                        table,
                        new Dimensions(3)
                                .set(0, "sg-1")
                                .set(1, null)
                                .set(2, "ingress")
                                .hashed()))
                .isNull();
        assertThat(get(
                        table,
                        new Dimensions(3)
                                .set(0, null)
                                .set(1, "sg-1")
                                .set(2, "egress")
                                .hashed()))
                .isNull();
    }

    @Test
    void keepsTheProbesTextsNotTheProbeThatIsSetAgain() {
        PartialTable<String> table = new PartialTable<>(2);
        Dimensions probe = new Dimensions(2);
        put(table, probe.set(0, "a").set(1, "b").hashed(), "ab");
        put(table, probe.set(0, "a").set(1, "c").hashed(), "ac");
        assertThat(get(table, probe.set(0, "a").set(1, "b").hashed())).isEqualTo("ab");
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void agreesWithAHashMapAcrossGrowthAndCollidingHashes() {
        PartialTable<String> table = new PartialTable<>(2);
        Map<List<String>, String> expected = new HashMap<>();
        Random random = new Random(3);
        Dimensions probe = new Dimensions(2);
        for (int i = 0; i < 20_000; i++) {
            // "Aa" and "BB" have the same hash code: keys made of them collide in whole.
            String a = random.nextBoolean() ? "Aa" : "BB";
            String b = Integer.toString(random.nextInt(3_000));
            probe.set(0, a).set(1, b).hashed();
            String found = get(table, probe);
            assertThat(found).isEqualTo(expected.get(List.of(a, b)));
            if (found == null) {
                put(table, probe, a + "/" + b);
                expected.put(List.of(a, b), a + "/" + b);
            }
        }
        List<String> all = new ArrayList<>();
        table.forEach(all::add);
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(table.size()).isEqualTo(expected.size());
    }

    private static String get(PartialTable<String> table, Dimensions probe) {
        return table.get(probe, probe.hash, Dimensions.KEY);
    }

    private static void put(PartialTable<String> table, Dimensions probe, String partial) {
        table.put(probe, probe.hash, Dimensions.KEY, partial);
    }
}
