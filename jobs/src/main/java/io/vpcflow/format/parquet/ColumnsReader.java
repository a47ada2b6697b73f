package io.vpcflow.format.parquet;

import java.io.Serializable;
import java.util.List;

/**
 * Reads a batch of rows into one array per column in a single pass over the rows, for a wide table written
 * often. Through {@link Column}'s getters a value costs a call that is never inlined (one call site serves
 * every column), which for the {@code flows} table cost more than encoding the value; here each value is a
 * field read. The columns' getters stay the definition: a test compares the files written both ways.
 *
 * @param <T> the row type
 */
public interface ColumnsReader<T> extends Serializable {
    /** The string and number columns it fills, by name, in the order of the arrays {@link #read} fills. */
    List<String> columns();

    /**
     * Fills {@code out[j][0..count)} with column j's value of {@code rows[0..count)}: a {@code String[]} for a
     * string column, a {@code long[]} for a number column (as its getter gives it, -1 for absent).
     */
    void read(Object[] rows, int count, Object[] out);
}
