package io.vpcflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.flowlog.Action;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The sums' keys are written out field by field (hash, comparison, copy): every dimension must keep records
 * apart, equal texts in other String objects must meet, and a partial must carry its records' values.
 */
class PartialSumsKeyTest {
    private static final long W = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

    /**
     * A dimension: how to set it on a row and read it from a partial; the value every row has, and the values
     * that must keep a record apart from it (an enum's other constant; for a text another one, none, and one of
     * the same hash code: "Aa" and "BB" hash alike, so only the comparison of the texts keeps that one apart).
     */
    private record Dim<P>(
            String name,
            BiConsumer<FlowRow, Object> set,
            Function<P, Object> get,
            Supplier<Object> base,
            List<Object> others) {
        /** A text dimension: every row's value is a new String object, so equal texts in other objects must meet. */
        static <P> Dim<P> text(String name, BiConsumer<FlowRow, String> set, Function<P, Object> get) {
            return new Dim<>(
                    name,
                    (r, v) -> set.accept(r, (String) v),
                    get,
                    () -> new String(name + "-Aa"),
                    Arrays.asList("other", null, name + "-BB"));
        }

        static <P, E extends Enum<E>> Dim<P> of(
                String name, Class<E> type, BiConsumer<FlowRow, E> set, Function<P, Object> get) {
            E[] values = type.getEnumConstants();
            return new Dim<>(
                    name, (r, v) -> set.accept(r, type.cast(v)), get, () -> values[0], Arrays.asList(values[1], null));
        }
    }

    private static final List<Dim<VerdictStatsRow>> STATS = List.of(
            Dim.text("account_id", (r, v) -> r.accountId = v, p -> p.accountId),
            Dim.text("vpc_id", (r, v) -> r.vpcId = v, p -> p.vpcId),
            Dim.text("interface_id", (r, v) -> r.interfaceId = v, p -> p.interfaceId),
            Dim.of("eni_owner_kind", OwnerKind.class, (r, v) -> r.eniOwnerKind = v, p -> p.eniOwnerKind),
            Dim.text("eni_owner_id", (r, v) -> r.eniOwnerId = v, p -> p.eniOwnerId),
            Dim.of("direction", Direction.class, (r, v) -> r.direction = v, p -> p.direction),
            Dim.of("action", Action.class, (r, v) -> r.action = v, p -> p.action),
            Dim.of("verdict", Verdict.class, (r, v) -> r.verdict = v, p -> p.verdict),
            Dim.of("verdict_reason", VerdictReason.class, (r, v) -> r.verdictReason = v, p -> p.verdictReason),
            Dim.text("sg_id", (r, v) -> r.sgId = v, p -> p.sgId),
            Dim.text("sg_rule_id", (r, v) -> r.sgRuleId = v, p -> p.sgRuleId));

    private static final List<Dim<RuleUsagePartial>> RULES = List.of(
            Dim.text("group", (r, v) -> r.sgId = v, p -> p.sgId),
            Dim.text("rule", (r, v) -> r.sgRuleId = v, p -> p.sgRuleId),
            Dim.of("direction", Direction.class, (r, v) -> r.direction = v, p -> p.direction));

    @Test
    void theFieldByFieldKeyCoversTheDeclaredDimensionsOfVerdictStats() {
        // The names here are the column names of the declaration: a dimension added there and not to the sums'
        // written-out key (and so to this test) fails here.
        assertThat(STATS)
                .extracting(Dim::name)
                .containsExactlyElementsOf(VerdictStatsRow.DIMENSIONS.stream()
                        .map(Dimension::column)
                        .toList());
    }

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
    private static <P> void check(
            Supplier<PartialSums<P>> sums, List<Dim<P>> dims, Function<P, Long> flows, String required) {
        for (Dim<P> changed : dims) {
            for (Object other : changed.others()) {
                PartialSums<P> s = sums.get();
                s.add(row(dims, null, null));
                // The same values (texts in new String objects): the same partial.
                s.add(row(dims, null, null));
                s.add(row(dims, changed, other));
                List<P> out = new ArrayList<>();
                s.emitAll((p, ts) -> out.add(p));
                if (other == null && changed.name().equals(required)) {
                    assertThat(out).extracting(flows).containsExactly(2L);
                    continue;
                }
                assertThat(out).as("%s set to %s", changed.name(), other).hasSize(2);
                P first = out.stream()
                        .filter(p -> flows.apply(p) == 2)
                        .findFirst()
                        .orElseThrow();
                P second = out.stream()
                        .filter(p -> flows.apply(p) == 1)
                        .findFirst()
                        .orElseThrow();
                for (Dim<P> d : dims) {
                    assertThat(d.get().apply(first))
                            .as(d.name())
                            .isEqualTo(d.base().get());
                    assertThat(d.get().apply(second))
                            .as(d.name())
                            .isEqualTo(d == changed ? other : d.base().get());
                }
            }
        }
    }

    /** Every dimension set to its base value, but {@code changed} to {@code value}. */
    private static <P> FlowRow row(List<Dim<P>> dims, Dim<P> changed, Object value) {
        FlowRow r = new FlowRow();
        r.start = W;
        r.end = W + 60;
        r.packets = 1;
        r.bytes = 1;
        for (Dim<P> d : dims) {
            d.set().accept(r, d == changed ? value : d.base().get());
        }
        return r;
    }
}
