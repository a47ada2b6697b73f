package io.vpcflow.stats;

import io.vpcflow.text.Coded;
import java.io.Serializable;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One dimension of an aggregate table, declared once: its column, how a row reads it and how it is set. The table's
 * columns, the key partials meet under and the copy of a partial into its window's row are made from the list of
 * them; the per-record path ({@link PartialSums}) is written out field by field for speed, and a test holds it to
 * the same list.
 *
 * @param <R> the row
 */
public record Dimension<R>(String column, Getter<R, Object> get, Setter<R, Object> set) implements Serializable {
    /** Reads a value from a row; serializable, as the job's operators and sinks that use it are. */
    public interface Getter<R, V> extends Function<R, V>, Serializable {}

    /** Sets a value on a row. */
    public interface Setter<R, V> extends BiConsumer<R, V>, Serializable {}

    /** A text dimension. */
    public static <R> Dimension<R> text(String column, Getter<R, String> get, Setter<R, String> set) {
        return new Dimension<>(column, get::apply, (r, v) -> set.accept(r, (String) v));
    }

    /** An enum dimension, written as its code. */
    public static <R, E extends Enum<E> & Coded> Dimension<R> coded(
            String column, Class<E> type, Getter<R, E> get, Setter<R, E> set) {
        return new Dimension<>(column, get::apply, (r, v) -> set.accept(r, type.cast(v)));
    }

    /** The value as the table writes it. */
    public String text(R row) {
        Object v = get.apply(row);
        return v instanceof Coded c ? c.code() : (String) v;
    }

    /** Copies every dimension of {@code from} into {@code to}. */
    public static <R> void copy(List<Dimension<R>> dimensions, R from, R to) {
        for (Dimension<R> d : dimensions) {
            d.set.accept(to, d.get.apply(from));
        }
    }

    /** A key of the row's dimensions after {@code prefix}, the same text in every JVM (enums by name). */
    public static <R> String key(long prefix, List<Dimension<R>> dimensions, R row) {
        StringBuilder sb = new StringBuilder(96).append(prefix);
        for (Dimension<R> d : dimensions) {
            sb.append('|').append(d.get.apply(row));
        }
        return sb.toString();
    }
}
