package io.vpcflow.jobs.types;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink's type for a class of {@code common} that has a serializer of its own here: one field, not a key, and
 * equal to every other instance of the same type class.
 */
abstract class OwnSerializerType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    OwnSerializerType(Class<T> type) {
        this.type = type;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
