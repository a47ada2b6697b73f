package io.vpcflow.flowlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered list of fields a flow log writes, as chosen when the flow log was created.
 *
 * <p>Names AWS does not define (yet) are kept in place as extra columns, so a newer format never
 * breaks parsing.
 */
public final class FlowLogFormat {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern AWS_TOKEN = Pattern.compile("\\$\\{([^}]*)}");

    /** The default (version 2) layout, used when a file has no header and no format is given. */
    public static final FlowLogFormat DEFAULT = of(Arrays.asList(FlowField.values()).subList(0, 14).stream()
            .map(FlowField::fieldName)
            .toList());

    private final List<String> names;
    private final FlowField[] known;
    private final int[] extraIndex;
    private final List<String> extraNames;
    private final byte[] header;
    private final int version;
    /** Never handed out: {@link EnumSet#containsAll} is a few word operations only between EnumSets. */
    private final EnumSet<FlowField> fields;

    private FlowLogFormat(List<String> names) {
        this.names = List.copyOf(names);
        this.known = new FlowField[names.size()];
        this.extraIndex = new int[names.size()];
        List<String> extras = new ArrayList<>();
        int v = 2;
        for (int i = 0; i < names.size(); i++) {
            FlowField f = FlowField.byName(names.get(i));
            known[i] = f;
            if (f == null) {
                extraIndex[i] = extras.size();
                extras.add(names.get(i));
            } else {
                extraIndex[i] = -1;
                v = Math.max(v, f.version());
            }
        }
        this.extraNames = List.copyOf(extras);
        EnumSet<FlowField> set = EnumSet.noneOf(FlowField.class);
        for (FlowField f : known) {
            if (f != null) {
                set.add(f);
            }
        }
        this.fields = set;
        this.header = String.join(" ", names).getBytes(StandardCharsets.US_ASCII);
        this.version = v;
    }

    /**
     * Reads a format as AWS writes it ({@code ${version} ${account-id} ...}) or as plain names
     * separated by spaces or commas ({@code version account-id ...}).
     *
     * @throws IllegalArgumentException with a sentence a user can act on
     */
    public static FlowLogFormat parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the flow-log format is empty: give field names such as "
                    + "'${version} ${account-id} ${interface-id}'");
        }
        List<String> names = new ArrayList<>();
        String trimmed = spec.strip();
        if (trimmed.contains("${")) {
            Matcher m = AWS_TOKEN.matcher(trimmed);
            int last = 0;
            while (m.find()) {
                if (!trimmed.substring(last, m.start()).isBlank()) {
                    throw new IllegalArgumentException("the flow-log format has text outside ${...} tokens: '"
                            + trimmed.substring(last, m.start()).strip() + "'");
                }
                names.add(m.group(1).strip());
                last = m.end();
            }
            if (!trimmed.substring(last).isBlank()) {
                throw new IllegalArgumentException("the flow-log format has text outside ${...} tokens: '"
                        + trimmed.substring(last).strip() + "'");
            }
        } else {
            for (String token : trimmed.split("[\\s,]+")) {
                names.add(token);
            }
        }
        return of(names);
    }

    /**
     * A format from field names in order.
     *
     * @throws IllegalArgumentException when a name is not a valid field name or appears twice
     */
    public static FlowLogFormat of(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the flow-log format names no fields");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a flow-log field name "
                        + "(lower-case letters, digits and dashes, such as 'pkt-srcaddr')");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the flow-log format names '" + name + "' twice");
            }
        }
        return new FlowLogFormat(names);
    }

    /** A format from known fields in order. */
    public static FlowLogFormat of(FlowField... fields) {
        return of(Arrays.stream(fields).map(FlowField::fieldName).toList());
    }

    /**
     * Reads a header line. Returns null when the line is not a header: every token must be a
     * field name and most of them names AWS defines, so that a record of a text-only custom format
     * is not mistaken for a header.
     */
    public static FlowLogFormat fromHeader(byte[] b, int off, int len) {
        List<String> names = new ArrayList<>();
        int knownCount = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            int s = i;
            while (i < end && b[i] != ' ' && b[i] != '\t') {
                byte c = b[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return null;
                }
                i++;
            }
            if (i > s) {
                String name = new String(b, s, i - s, StandardCharsets.US_ASCII);
                if (FlowField.byName(name) != null) {
                    knownCount++;
                }
                names.add(name);
            }
        }
        if (names.isEmpty() || knownCount * 2 <= names.size()) {
            return null;
        }
        try {
            return of(names);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when {@code b[off, off+len)} is exactly this format's header line (single spaces). */
    public boolean isHeader(byte[] b, int off, int len) {
        return len == header.length && Arrays.equals(b, off, off + len, header, 0, len);
    }

    public int size() {
        return names.size();
    }

    /** The field names in order, as written in a header line. */
    public List<String> names() {
        return names;
    }

    /** The known field at position {@code i}, or null when AWS defines no field of that name. */
    public FlowField field(int i) {
        return known[i];
    }

    /** The index among {@link #extraNames()} of the unknown field at position {@code i}, or -1. */
    public int extraIndex(int i) {
        return extraIndex[i];
    }

    /** Names AWS does not define (yet), in order; they are kept as extra columns. */
    public List<String> extraNames() {
        return extraNames;
    }

    public boolean contains(FlowField f) {
        return fields.contains(f);
    }

    /** Whether every field of the format is a known one in {@code allowed} (an EnumSet answers fastest). */
    public boolean onlyFieldsIn(Set<FlowField> allowed) {
        return extraNames.isEmpty() && allowed.containsAll(fields);
    }

    /** The highest version among the known fields: what AWS writes in the {@code version} field. */
    public int version() {
        return version;
    }

    /** The header line AWS writes at the top of S3 files. */
    public String headerLine() {
        return String.join(" ", names);
    }

    /** The format as given to {@code CreateFlowLogs}: {@code ${version} ${account-id} ...}. */
    public String toAwsFormat() {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("${").append(n).append('}');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowLogFormat f && f.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return headerLine();
    }
}
