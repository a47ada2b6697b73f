package io.vpcflow.jobs.parquet;

import java.io.Serializable;
import java.util.function.Function;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One optional column of an output table: its name (a contract with users' queries), its Parquet type,
 * and how to read the value from a row. Negative numbers and null text are written as null.
 */
public final class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { STRING, INT32, INT64, BOOLEAN, STRING_LIST, STRING_MAP }

    /** A serializable getter, so that table definitions can travel with the job. */
    public interface Getter<T, V> extends Function<T, V>, Serializable {
    }

    final String name;
    final Kind kind;
    final Getter<T, ?> getter;
    final boolean negativeIsNull;

    private Column(String name, Kind kind, Getter<T, ?> getter, boolean negativeIsNull) {
        this.name = name;
        this.kind = kind;
        this.getter = getter;
        this.negativeIsNull = negativeIsNull;
    }

    public static <T> Column<T> string(String name, Getter<T, String> getter) {
        return new Column<>(name, Kind.STRING, getter, false);
    }

    /** A 32-bit integer column where -1 (absent) is written as null. */
    public static <T> Column<T> int32(String name, Getter<T, Integer> getter) {
        return new Column<>(name, Kind.INT32, getter, true);
    }

    /** A 64-bit integer column where -1 (absent) is written as null. */
    public static <T> Column<T> int64(String name, Getter<T, Long> getter) {
        return new Column<>(name, Kind.INT64, getter, true);
    }

    /** A 64-bit integer column where every value, negative ones included, is kept. */
    public static <T> Column<T> int64Exact(String name, Getter<T, Long> getter) {
        return new Column<>(name, Kind.INT64, getter, false);
    }

    /** A list of strings (Parquet's three-level LIST), read by DuckDB as {@code VARCHAR[]}. */
    public static <T> Column<T> stringList(String name, Getter<T, java.util.List<String>> getter) {
        return new Column<>(name, Kind.STRING_LIST, getter, false);
    }

    /** A map from string to string (Parquet's MAP), read by DuckDB as {@code MAP(VARCHAR, VARCHAR)}. */
    public static <T> Column<T> stringMap(String name, Getter<T, java.util.Map<String, String>> getter) {
        return new Column<>(name, Kind.STRING_MAP, getter, false);
    }

    public static <T> Column<T> bool(String name, Getter<T, Boolean> getter) {
        return new Column<>(name, Kind.BOOLEAN, getter, false);
    }

    Type parquetType() {
        return switch (kind) {
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case STRING_LIST -> Types.optionalList()
                    .optionalElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            case STRING_MAP -> Types.optionalMap()
                    .key(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .optionalValue(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        };
    }

    /** Writes the value of {@code row} at field index {@code i}; writes nothing for null. */
    void write(T row, int i, RecordConsumer out) {
        Object v = getter.apply(row);
        if (v == null || (negativeIsNull && v instanceof Number n && n.longValue() < 0)) {
            return;
        }
        out.startField(name, i);
        switch (kind) {
            case STRING -> out.addBinary(Binary.fromString((String) v));
            case INT32 -> out.addInteger((Integer) v);
            case INT64 -> out.addLong((Long) v);
            case BOOLEAN -> out.addBoolean((Boolean) v);
            case STRING_LIST -> {
                out.startGroup();
                java.util.List<?> items = (java.util.List<?>) v;
                if (!items.isEmpty()) {
                    out.startField("list", 0);
                    for (Object item : items) {
                        out.startGroup();
                        out.startField("element", 0);
                        out.addBinary(Binary.fromString((String) item));
                        out.endField("element", 0);
                        out.endGroup();
                    }
                    out.endField("list", 0);
                }
                out.endGroup();
            }
            case STRING_MAP -> {
                out.startGroup();
                java.util.Map<?, ?> entries = (java.util.Map<?, ?>) v;
                if (!entries.isEmpty()) {
                    out.startField("key_value", 0);
                    for (java.util.Map.Entry<?, ?> e : entries.entrySet()) {
                        out.startGroup();
                        out.startField("key", 0);
                        out.addBinary(Binary.fromString((String) e.getKey()));
                        out.endField("key", 0);
                        if (e.getValue() != null) {
                            out.startField("value", 1);
                            out.addBinary(Binary.fromString((String) e.getValue()));
                            out.endField("value", 1);
                        }
                        out.endGroup();
                    }
                    out.endField("key_value", 0);
                }
                out.endGroup();
            }
        }
        out.endField(name, i);
    }
}
