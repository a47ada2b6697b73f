package io.vpcflow.flowlog;

import io.vpcflow.net.IpAddress;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable flow-log record: the value of every field it carries, and its unknown fields by name.
 *
 * <p>A field that is absent from the format or written as {@code -} has no value (null). Values are
 * {@code Long} for INT and LONG fields, {@link IpAddress}, {@link Action}, {@link LogStatus} or
 * {@code String}.
 */
public final class FlowRecord {
    private final Object[] values;
    private final Map<String, String> extras;

    private FlowRecord(Object[] values, Map<String, String> extras) {
        this.values = values;
        this.extras = extras;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of a field, or null. */
    public Object get(FlowField f) {
        return values[f.ordinal()];
    }

    public Long getLong(FlowField f) {
        return (Long) values[f.ordinal()];
    }

    public String getString(FlowField f) {
        return (String) values[f.ordinal()];
    }

    public IpAddress getAddress(FlowField f) {
        return (IpAddress) values[f.ordinal()];
    }

    public Action action() {
        return (Action) values[FlowField.ACTION.ordinal()];
    }

    public LogStatus logStatus() {
        return (LogStatus) values[FlowField.LOG_STATUS.ordinal()];
    }

    /** Values of fields AWS does not define (yet), by name, in format order; {@code -} values are left out. */
    public Map<String, String> extras() {
        return extras;
    }

    /** The text this value has in a log line: {@code -} for no value. */
    public String text(FlowField f) {
        Object v = values[f.ordinal()];
        return v == null ? "-" : v.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowRecord r && Arrays.equals(values, r.values) && extras.equals(r.extras);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + extras.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FlowRecord{");
        String sep = "";
        for (FlowField f : FlowField.values()) {
            Object v = values[f.ordinal()];
            if (v != null) {
                sb.append(sep).append(f.fieldName()).append('=').append(v);
                sep = ", ";
            }
        }
        extras.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
        return sb.append('}').toString();
    }

    /** Builds a record field by field; checks each value against the field's type. */
    public static final class Builder {
        private final Object[] values = new Object[FlowField.COUNT];
        private final Map<String, String> extras = new LinkedHashMap<>();

        private Builder() {}

        public Builder set(FlowField f, Object value) {
            if (value == null) {
                values[f.ordinal()] = null;
                return this;
            }
            Object v = value;
            switch (f.type()) {
                case INT, LONG -> {
                    if (!(value instanceof Number n) || n.longValue() < 0) {
                        throw new IllegalArgumentException(
                                f.fieldName() + " takes a non-negative number, not " + value);
                    }
                    if (f.type() == FieldType.INT && n.longValue() > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(f.fieldName() + " takes a 32-bit number, not " + value);
                    }
                    v = n.longValue();
                }
                case ADDRESS -> v = value instanceof String s ? IpAddress.parse(s) : (IpAddress) value;
                case ACTION -> v = value instanceof String s ? Action.valueOf(s) : (Action) value;
                case LOG_STATUS -> v = value instanceof String s ? LogStatus.valueOf(s) : (LogStatus) value;
                case STRING -> v = Objects.requireNonNull((String) value);
            }
            values[f.ordinal()] = v;
            return this;
        }

        public Builder extra(String name, String value) {
            if (FlowField.byName(name) != null) {
                throw new IllegalArgumentException(name + " is a known field: use set()");
            }
            extras.put(name, value);
            return this;
        }

        public FlowRecord build() {
            return new FlowRecord(values.clone(), Collections.unmodifiableMap(new LinkedHashMap<>(extras)));
        }
    }
}
