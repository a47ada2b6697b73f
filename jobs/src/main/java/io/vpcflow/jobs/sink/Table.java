package io.vpcflow.jobs.sink;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The tables a run writes, each in a folder of its name. Names are a contract: users and other tools query them. */
public enum Table {
    FLOWS,
    VERDICT_STATS,
    RULE_USAGE,
    DEAD_LETTERS,
    ENIS,
    SG_RULES;

    private final String tableName = name().toLowerCase(Locale.ROOT);

    /** The table's name, and its folder's. */
    @JsonValue
    public String tableName() {
        return tableName;
    }

    @Override
    public String toString() {
        return tableName;
    }

    /**
     * The table of this name.
     *
     * @throws IllegalArgumentException naming the tables there are
     */
    @JsonCreator
    public static Table of(String name) {
        for (Table t : values()) {
            if (t.tableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table named '" + name + "' (choose from " + names() + ")");
    }

    /** Every table. */
    public static Set<Table> all() {
        return EnumSet.allOf(Table.class);
    }

    /** The names of every table, comma-separated, in the order they are described. */
    public static String names() {
        return Arrays.stream(values()).map(Table::tableName).collect(Collectors.joining(", "));
    }
}
