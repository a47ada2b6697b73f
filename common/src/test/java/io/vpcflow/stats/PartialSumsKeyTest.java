package io.vpcflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The sums' keys are written out field by field (hash, comparison, copy): every dimension must keep records
 * apart, equal texts in other String objects must meet, and a partial must carry its records' texts.
 */
class PartialSumsKeyTest {
    private static final long W = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    /** A dimension: how to set it on a row and read it from a partial. */
    private record Dim<P>(String name, BiConsumer<FlowRow, String> set, Function<P, String> get) {
    }

    private static final List<Dim<VerdictStatsRow>> STATS = List.of(
            new Dim<>("account", (r, v) -> r.accountId = v, p -> p.accountId),
            new Dim<>("vpc", (r, v) -> r.vpcId = v, p -> p.vpcId),
            new Dim<>("interface", (r, v) -> r.interfaceId = v, p -> p.interfaceId),
            new Dim<>("owner kind", (r, v) -> r.eniOwnerKind = v, p -> p.eniOwnerKind),
            new Dim<>("owner", (r, v) -> r.eniOwnerId = v, p -> p.eniOwnerId),
            new Dim<>("direction", (r, v) -> r.direction = v, p -> p.direction),
            new Dim<>("action", (r, v) -> r.action = v, p -> p.action),
            new Dim<>("verdict", (r, v) -> r.verdict = v, p -> p.verdict),
            new Dim<>("reason", (r, v) -> r.verdictReason = v, p -> p.verdictReason),
            new Dim<>("group", (r, v) -> r.sgId = v, p -> p.sgId),
            new Dim<>("rule", (r, v) -> r.sgRuleId = v, p -> p.sgRuleId));

    private static final List<Dim<RuleUsagePartial>> RULES = List.of(
            new Dim<>("group", (r, v) -> r.sgId = v, p -> p.sgId),
            new Dim<>("rule", (r, v) -> r.sgRuleId = v, p -> p.sgRuleId),
            new Dim<>("direction", (r, v) -> r.direction = v, p -> p.direction));

    @Test
    void everyDimensionOfVerdictStatsKeepsRecordsApart() {
        check(() -> new VerdictStatsSums(300), STATS, p -> p.flows, null);
    }

    @Test
    void everyDimensionOfRuleUsageKeepsRecordsApart() {
        // A record no group's rule matched does not count toward any rule.
        check(() -> new RuleUsageSums(300), RULES, p -> p.flows, "group");
    }

    /** @param required the dimension without which a record does not count, or null */
    private static <P> void check(Supplier<PartialSums<P>> sums, List<Dim<P>> dims, Function<P, Long> flows,
                                  String required) {
        for (Dim<P> changed : dims) {
            // Another text, none, and one of the same hash code ("Aa" and "BB" hash alike): only the comparison
            // of the texts keeps that one apart.
            for (String other : new String[] {"other", null, changed.name() + "-BB"}) {
                PartialSums<P> s = sums.get();
                s.add(row(dims, null, null));
                // The same texts in new String objects: the same partial.
                s.add(row(dims, null, null));
                s.add(row(dims, changed, other));
                List<P> out = new ArrayList<>();
                s.emitAll((p, ts) -> out.add(p));
                if (other == null && changed.name().equals(required)) {
                    assertThat(out).extracting(flows).containsExactly(2L);
                    continue;
                }
                assertThat(out).as("%s set to %s", changed.name(), other).hasSize(2);
                P first = out.stream().filter(p -> flows.apply(p) == 2).findFirst().orElseThrow();
                P second = out.stream().filter(p -> flows.apply(p) == 1).findFirst().orElseThrow();
                for (Dim<P> d : dims) {
                    assertThat(d.get().apply(first)).as(d.name()).isEqualTo(d.name() + "-Aa");
                    assertThat(d.get().apply(second)).as(d.name())
                            .isEqualTo(d == changed ? other : d.name() + "-Aa");
                }
            }
        }
    }

    /** Every dimension set to a new String of "NAME-Aa", but {@code changed} to {@code value}. */
    private static <P> FlowRow row(List<Dim<P>> dims, Dim<P> changed, String value) {
        FlowRow r = new FlowRow();
        r.start = W;
        r.end = W + 60;
        r.packets = 1;
        r.bytes = 1;
        for (Dim<P> d : dims) {
            d.set().accept(r, d == changed ? value : new String(d.name() + "-Aa"));
        }
        return r;
    }
}
