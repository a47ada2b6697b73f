package io.vpcflow.format.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One optional column of an output table: its name (a contract with users' queries), its Parquet type,
 * and how to read the value from a row. Negative numbers and null text are written as null. Numbers are
 * read unboxed.
 */
public final class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind {
        STRING,
        INT32,
        INT64,
        BOOLEAN,
        STRING_LIST,
        STRING_MAP
    }

    /** A serializable getter, so that table definitions can travel with the job. */
    public interface Getter<T, V> extends Function<T, V>, Serializable {}

    /** A serializable getter of an int. */
    public interface IntGetter<T> extends ToIntFunction<T>, Serializable {}

    /** A serializable getter of a long. */
    public interface LongGetter<T> extends ToLongFunction<T>, Serializable {}

    /** A serializable test of a row. */
    public interface Guard<T> extends Predicate<T>, Serializable {}

    final String name;
    final Kind kind;
    private final Getter<T, ?> getter;
    private final IntGetter<T> intGetter;
    private final LongGetter<T> longGetter;
    private final boolean negativeIsNull;
    final boolean dictionary;
    /** Null unless this holds of the row; null: no guard. */
    final Guard<T> present;

    private Column(
            String name,
            Kind kind,
            Getter<T, ?> getter,
            IntGetter<T> intGetter,
            LongGetter<T> longGetter,
            boolean negativeIsNull) {
        this(name, kind, getter, intGetter, longGetter, negativeIsNull, true, null);
    }

    private Column(
            String name,
            Kind kind,
            Getter<T, ?> getter,
            IntGetter<T> intGetter,
            LongGetter<T> longGetter,
            boolean negativeIsNull,
            boolean dictionary,
            Guard<T> present) {
        this.dictionary = dictionary;
        this.present = present;
        this.name = name;
        this.kind = kind;
        this.getter = getter;
        this.intGetter = intGetter;
        this.longGetter = longGetter;
        this.negativeIsNull = negativeIsNull;
    }

    public static <T> Column<T> string(String name, Getter<T, String> getter) {
        return new Column<>(name, Kind.STRING, getter, null, null, false);
    }

    /** A 32-bit integer column where a negative value (-1: absent) is written as null. */
    public static <T> Column<T> int32(String name, IntGetter<T> getter) {
        return new Column<>(name, Kind.INT32, null, getter, null, true);
    }

    /** A 64-bit integer column where a negative value (-1: absent) is written as null. */
    public static <T> Column<T> int64(String name, LongGetter<T> getter) {
        return new Column<>(name, Kind.INT64, null, null, getter, true);
    }

    /** A 64-bit integer column where every value, negative ones included, is kept. */
    public static <T> Column<T> int64Exact(String name, LongGetter<T> getter) {
        return new Column<>(name, Kind.INT64, null, null, getter, false);
    }

    /** A list of strings (Parquet's three-level LIST), read by DuckDB as {@code VARCHAR[]}. */
    public static <T> Column<T> stringList(String name, Getter<T, List<String>> getter) {
        return new Column<>(name, Kind.STRING_LIST, getter, null, null, false);
    }

    /** A map from string to string (Parquet's MAP), read by DuckDB as {@code MAP(VARCHAR, VARCHAR)}. */
    public static <T> Column<T> stringMap(String name, Getter<T, Map<String, String>> getter) {
        return new Column<>(name, Kind.STRING_MAP, getter, null, null, false);
    }

    public static <T> Column<T> bool(String name, Getter<T, Boolean> getter) {
        return new Column<>(name, Kind.BOOLEAN, getter, null, null, false);
    }

    /**
     * The same column without dictionary encoding: for values that rarely repeat (byte counts, times,
     * ephemeral ports), where a dictionary only costs time before parquet-java gives up on it.
     */
    public Column<T> withoutDictionary() {
        return new Column<>(name, kind, getter, intGetter, longGetter, negativeIsNull, false, present);
    }

    /**
     * The same column, declared null in every row where {@code present} is false. Columns that share one guard
     * object (the fields of custom formats, absent from most records) are written as a run of nulls, without
     * reading them, for a batch where the guard is false in every row; the guard is asked once per row per batch.
     */
    public Column<T> nullUnless(Guard<T> present) {
        return new Column<>(name, kind, getter, intGetter, longGetter, negativeIsNull, dictionary, present);
    }

    Type parquetType() {
        return switch (kind) {
            case STRING ->
                Types.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case STRING_LIST ->
                Types.optionalList()
                        .optionalElement(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case STRING_MAP ->
                Types.optionalMap()
                        .key(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .optionalValue(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
        };
    }

    /** Whether the column holds strings (and so gains from a cache of their encoded bytes). */
    boolean hasText() {
        return kind == Kind.STRING || kind == Kind.STRING_LIST || kind == Kind.STRING_MAP;
    }

    /** Whether our own page encoder writes this column ({@link PageColumn}); else parquet-java's column writer. */
    boolean ownPages() {
        return kind == Kind.STRING || kind == Kind.INT32 || kind == Kind.INT64;
    }

    /** A page encoder for this column ({@link #ownPages()}) in one row group. */
    PageColumn pages(ColumnDescriptor leaf, PageWriter writer, ParquetProperties props) {
        return kind == Kind.STRING
                ? new TextPages(leaf, writer, props, dictionary)
                : new NumberPages(leaf, writer, props, dictionary);
    }

    /**
     * Writes the values of {@code rows[0..count)} into this column's own page encoder: first every value into
     * {@code texts} or {@code numbers} (the getter's calls in one loop), then all of them into the encoder.
     */
    @SuppressWarnings("unchecked")
    void write(Object[] rows, int count, PageColumn out, String[] texts, long[] numbers) throws IOException {
        switch (kind) {
            case INT32 -> {
                for (int r = 0; r < count; r++) {
                    numbers[r] = intGetter.applyAsInt((T) rows[r]);
                }
            }
            case INT64 -> {
                for (int r = 0; r < count; r++) {
                    numbers[r] = longGetter.applyAsLong((T) rows[r]);
                }
            }
            case STRING -> {
                for (int r = 0; r < count; r++) {
                    texts[r] = (String) getter.apply((T) rows[r]);
                }
            }
            default -> throw new IllegalStateException(name + " is written by parquet-java's column writer");
        }
        encode(out, kind == Kind.STRING ? texts : numbers, count);
    }

    /** Writes {@code count} values already read ({@code String[]} or {@code long[]}) into the page encoder. */
    void encode(PageColumn out, Object values, int count) throws IOException {
        if (kind == Kind.STRING) {
            ((TextPages) out).addAll((String[]) values, count);
        } else {
            ((NumberPages) out).addAll((long[]) values, count, negativeIsNull);
        }
    }

    /** A new array for {@code size} values of this column as {@link ColumnsReader} fills it. */
    Object valuesArray(int size) {
        return switch (kind) {
            case STRING -> new String[size];
            case INT32, INT64 -> new long[size];
            default -> throw new IllegalArgumentException(name + " is not a string or number column");
        };
    }

    /** How many leaf (primitive) columns this column is in Parquet: two for a map (keys, values), else one. */
    int leaves() {
        return kind == Kind.STRING_MAP ? 2 : 1;
    }

    /**
     * Writes the value of {@code row} (a boolean, list or map: {@link #ownPages()} is false) straight into
     * parquet-java's column writers of its leaves ({@code w[first]}, and
     * {@code w[first + 1]} for a map's values), with the repetition and definition levels of this schema:
     * an optional primitive is defined at level 1; a list's elements at 3 (1: empty list, 2: null element);
     * a map's keys at 2 and values at 3 (1: empty map).
     */
    void write(T row, ColumnWriter[] w, int first, BinaryCache texts) {
        ColumnWriter c = w[first];
        switch (kind) {
            case BOOLEAN -> {
                Boolean v = (Boolean) getter.apply(row);
                if (v == null) {
                    c.writeNull(0, 0);
                } else {
                    c.write(v.booleanValue(), 0, 1);
                }
            }
            case STRING_LIST -> {
                List<?> items = (List<?>) getter.apply(row);
                if (items == null) {
                    c.writeNull(0, 0);
                } else if (items.isEmpty()) {
                    c.writeNull(0, 1);
                } else {
                    int r = 0;
                    for (Object item : items) {
                        if (item == null) {
                            c.writeNull(r, 2);
                        } else {
                            c.write(texts.binary((String) item), r, 3);
                        }
                        r = 1;
                    }
                }
            }
            case STRING_MAP -> {
                ColumnWriter values = w[first + 1];
                Map<?, ?> entries = (Map<?, ?>) getter.apply(row);
                if (entries == null || entries.isEmpty()) {
                    int d = entries == null ? 0 : 1;
                    c.writeNull(0, d);
                    values.writeNull(0, d);
                } else {
                    int r = 0;
                    for (Map.Entry<?, ?> e : entries.entrySet()) {
                        c.write(texts.binary((String) e.getKey()), r, 2);
                        if (e.getValue() == null) {
                            values.writeNull(r, 2);
                        } else {
                            values.write(texts.binary((String) e.getValue()), r, 3);
                        }
                        r = 1;
                    }
                }
            }
            default -> throw new IllegalStateException(name + " is written by our own page encoder");
        }
    }
}
