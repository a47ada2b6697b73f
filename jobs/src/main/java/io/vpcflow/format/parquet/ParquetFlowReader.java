package io.vpcflow.format.parquet;

import io.vpcflow.enrich.FlowRow;
import io.vpcflow.enrich.FlowRowHandler;
import io.vpcflow.flowlog.ColumnBatch;
import io.vpcflow.flowlog.DeadLetter;
import io.vpcflow.flowlog.DeadLetterReason;
import io.vpcflow.flowlog.FlowField;
import io.vpcflow.flowlog.FlowLogFormat;
import io.vpcflow.flowlog.FlowLogReader;
import io.vpcflow.flowlog.MutableFlowRecord;
import io.vpcflow.text.Lines;
import io.vpcflow.text.TextCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads flow records from a Parquet file: AWS's own Parquet delivery (a column per field, named as the field with
 * {@code _} for {@code -}) or an Amazon Security Lake OCSF table ({@link OcsfColumns}). It hands every row to the
 * same {@link FlowLogReader.Handler} as the text reader: a record, or a dead letter with the row as a line; a
 * {@link FlowRowHandler} gets records as rows filled a column at a time.
 *
 * <p>The footer is read first, then one row group at a time (only its column chunks: range reads on S3). Rows are
 * decoded column by column into arrays, a page at a time ({@link ColumnCursor}). A row group that cannot be read
 * ends the file: the rows before it are kept, the rest is one {@code bad_parquet} dead letter naming the row
 * group. Not thread-safe: one reader per thread.
 */
public final class ParquetFlowReader {
    /** Rows decoded per {@link #next()}: a few pages' worth of work between two checks of the caller's queue. */
    private static final int ROWS_PER_STEP = 1024;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** What kind of table a file holds. */
    public enum Kind {
        /** AWS's Parquet flow logs (or any table whose columns are flow-log fields). */
        FLOW_LOG,
        /** Amazon Security Lake's OCSF Network Activity table. */
        OCSF
    }

    /** What the footer says about a file: who wrote it, how it is cut, and which columns become which fields. */
    public record Info(String createdBy, int rowGroups, long rows, Kind kind, FlowLogFormat format) {}

    /** The columns of one kind of table, turned into a record a row at a time. */
    interface Columns {
        FlowLogFormat format();

        List<ColumnCursor> cursors();

        /** Whether the cursors keep their text dictionaries in the batch ({@link ColumnCursor#decodeInto}). */
        boolean decodesIntoBatch();

        /**
         * Reads the next {@code rows} rows into {@code batch}, rows 0 on, and says in {@code notFlow} which rows are
         * not flow records and why ({@link DeadLetterReason#NOT_A_FLOW_RECORD}; null for the others).
         */
        void decode(ColumnBatch batch, int rows, String[] notFlow) throws IOException;
    }

    private ParquetReadOptions options;
    private String source;
    private FlowLogReader.Handler handler;
    private ParquetFileReader file;
    private Columns columns;
    private ColumnBatch batch;
    private final MutableFlowRecord record = new MutableFlowRecord();
    /** The handler, when it takes rows and the file's fields all fit a row: rows are then filled column by column. */
    private FlowRowHandler rowHandler;

    private final FlowRow[] rows = new FlowRow[ROWS_PER_STEP];
    private final TextCache texts = new TextCache(4096);
    private final String[] notFlow = new String[ROWS_PER_STEP];
    private Info info;
    private List<BlockMetaData> groups;
    private int group;
    private long rowsLeftInGroup;
    private long rowNumber;
    private boolean groupLoaded;
    private boolean done;
    private java.util.Set<FlowField> only;

    /**
     * Reads only the columns of these fields, leaving the others out of the record (not in its extra fields): for a
     * table of our own, such as {@code flows}, whose other columns are what enrichment made, and a reader that needs
     * a few of its fields.
     */
    public ParquetFlowReader only(java.util.Set<FlowField> fields) {
        this.only = java.util.EnumSet.copyOf(fields);
        return this;
    }

    /** Whether {@code head} (the first bytes of a file, at least four) starts as a Parquet file does. */
    public static boolean isParquet(byte[] head, int length) {
        return length >= 4 && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2] && head[3] == MAGIC[3];
    }

    /**
     * Starts on a file, at row group {@code firstGroup} (a restored reader's position; 0 for the whole file). A
     * footer that cannot be read is one dead letter. Then call {@link #next()} until it returns false, and
     * {@link #close()}.
     */
    public void open(String source, InputFile input, FlowLogReader.Handler handler, int firstGroup) {
        close();
        this.source = source;
        this.handler = handler;
        this.done = false;
        this.groupLoaded = false;
        this.info = null;
        this.rowHandler = null;
        try {
            if (options == null) {
                // Made once per reader: it builds a Hadoop configuration (XML parsing), and its codecs are not
                // thread-safe, as the reader is not.
                ParquetReadOptions defaults = ParquetReadOptions.builder().build();
                options = ParquetReadOptions.builder()
                        .withCodecFactory(new PageCodecs(defaults.getCodecFactory()))
                        .build();
            }
            file = ParquetFileReader.open(input, options);
        } catch (IOException | RuntimeException e) {
            fail(1, reason(e), "not a readable Parquet file: " + message(e));
            return;
        }
        MessageType schema = file.getFooter().getFileMetaData().getSchema();
        groups = file.getRowGroups();
        long rows = 0;
        for (BlockMetaData b : groups) {
            rows += b.getRowCount();
        }
        columns = OcsfColumns.matches(schema) ? new OcsfColumns(schema) : FlowLogColumns.of(schema, only);
        String createdBy = file.getFooter().getFileMetaData().getCreatedBy();
        if (columns == null) {
            fail(
                    1,
                    DeadLetterReason.BAD_PARQUET,
                    "no column names a flow-log field (columns: " + Lines.first(columnNames(schema)) + ")");
            return;
        }
        info = new Info(
                createdBy,
                groups.size(),
                rows,
                columns instanceof OcsfColumns ? Kind.OCSF : Kind.FLOW_LOG,
                columns.format());
        batch = new ColumnBatch(columns.format(), ROWS_PER_STEP);
        rowHandler = handler instanceof FlowRowHandler h && FlowRow.canFill(columns.format()) ? h : null;
        handler.onFormat(columns.format());
        group = Math.max(0, firstGroup) - 1;
        rowNumber = 0;
        for (int g = 0; g < Math.min(firstGroup, groups.size()); g++) {
            rowNumber += groups.get(g).getRowCount();
        }
        rowsLeftInGroup = 0;
    }

    /** Starts on a local file, from its start. */
    public void open(java.nio.file.Path file, FlowLogReader.Handler handler) {
        open(file.toString(), new org.apache.parquet.io.LocalInputFile(file), handler, 0);
    }

    /** What the open file's footer says, or null when it could not be read. */
    public Info info() {
        return info;
    }

    /** The row group the last {@link #next()} read rows of (or ended). */
    public int rowGroup() {
        return Math.max(group, 0);
    }

    /** Whether the current row group is read to its end: the next {@link #next()} starts another one. */
    public boolean rowGroupDone() {
        return !groupLoaded || rowsLeftInGroup == 0;
    }

    /**
     * Reads on: up to {@value #ROWS_PER_STEP} rows of the current row group, or the next row group's first ones;
     * never rows of two row groups in one call.
     *
     * @return false once the file is done
     */
    public boolean next() {
        if (done) {
            return false;
        }
        if (groupLoaded && rowsLeftInGroup == 0) {
            groupLoaded = false;
            handler.onRowGroupEnd();
            return true; // what the group's end hands on belongs to it, not to the next group
        }
        if (!groupLoaded) {
            if (group + 1 >= groups.size()) {
                done = true;
                close();
                return false;
            }
            group++;
            PageReadStore pages;
            try {
                pages = file.readRowGroup(group);
            } catch (IOException | RuntimeException e) {
                failFrom(e, reason(e));
                return true;
            }
            try {
                batch.startRowGroup();
                List<ColumnCursor> cursors = columns.cursors();
                for (int p = 0; p < cursors.size(); p++) {
                    ColumnCursor c = cursors.get(p);
                    c.start(pages.getPageReader(c.column()), columns.decodesIntoBatch() ? batch : null, p);
                }
            } catch (IOException | RuntimeException e) {
                failFrom(e, DeadLetterReason.BAD_PARQUET);
                return true;
            }
            rowsLeftInGroup = groups.get(group).getRowCount();
            groupLoaded = true;
        }
        int n = (int) Math.min(ROWS_PER_STEP, rowsLeftInGroup);
        batch.begin(n);
        Arrays.fill(notFlow, 0, n, null);
        try {
            columns.decode(batch, n, notFlow);
        } catch (IOException | RuntimeException e) {
            failFrom(e, DeadLetterReason.BAD_PARQUET); // none of these rows was handed on
            return true;
        }
        if (rowHandler != null) {
            for (int r = 0; r < n; r++) {
                if (rows[r] == null) {
                    rows[r] = new FlowRow();
                }
            }
            FlowRow.fill(batch, rows, n, source, rowNumber + 1, texts);
        }
        for (int r = 0; r < n; r++) {
            rowNumber++;
            rowsLeftInGroup--;
            DeadLetterReason bad = batch.failure(r);
            if (notFlow[r] != null) {
                handler.onDeadLetter(new DeadLetter(
                        source, rowNumber, batch.raw(r), DeadLetterReason.NOT_A_FLOW_RECORD, notFlow[r]));
            } else if (bad != null) {
                handler.onDeadLetter(
                        new DeadLetter(source, rowNumber, batch.raw(r), bad, batch.describeFailure(r, record)));
            } else if (rowHandler != null) {
                rows[r] = rowHandler.onRow(rows[r], rowNumber);
            } else {
                batch.fill(r, record);
                handler.onRecord(record, rowNumber);
            }
        }
        return true;
    }

    /**
     * Row group {@link #group} failed from row {@link #rowNumber}+1 on: the rest of the file is one dead letter. Its
     * bytes not arriving is the storage's fault ({@link #reason}); its bytes not decoding, the file's.
     */
    private void failFrom(Exception e, DeadLetterReason why) {
        long first = rowNumber + 1;
        long rest = rowsLeftInGroup + (groupLoaded ? 0 : groups.get(group).getRowCount());
        for (int g = group + 1; g < groups.size(); g++) {
            rest += groups.get(g).getRowCount();
        }
        fail(
                first,
                why,
                "row group " + (group + 1) + " of " + groups.size() + " cannot be read from row " + first + " on ("
                        + rest + " rows not read): " + message(e));
    }

    private void fail(long row, DeadLetterReason reason, String detail) {
        handler.onDeadLetter(new DeadLetter(source, row, "", reason, detail));
        done = true;
        close();
    }

    /** A read the storage could not serve is its fault ({@link StorageReadException}); anything else, the file's. */
    private static DeadLetterReason reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageReadException) {
                return DeadLetterReason.IO_ERROR;
            }
        }
        return DeadLetterReason.BAD_PARQUET;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder();
        Set<String> seen = new HashSet<>();
        while (t != null && seen.add(String.valueOf(t.getMessage()))) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : Lines.first(t.getMessage()));
            t = t.getCause();
        }
        return sb.toString();
    }

    private static String columnNames(MessageType schema) {
        List<String> names = new ArrayList<>();
        for (ColumnDescriptor c : schema.getColumns()) {
            names.add(String.join(".", c.getPath()));
        }
        return String.join(", ", names);
    }

    /** Closes the file, if one is open. */
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // A file read to its end or given up on: nothing is lost by a failed close.
            }
            file = null;
        }
    }

    /** Puts the current entry of {@code c} into field {@code p} of row {@code row}: numbers as numbers, text as text. */
    static void put(ColumnBatch into, int p, int row, ColumnCursor c) {
        if (!c.defined()) {
            return;
        }
        if (c.isText()) {
            into.setText(p, row, c.textBytes(), c.textOffset(), c.textLength());
        } else if (c.isFractional()) {
            double d = c.doubleValue();
            long l = (long) d;
            if (l == d) {
                into.setNumber(p, row, l);
            } else {
                byte[] text = Double.toString(d).getBytes(StandardCharsets.US_ASCII);
                into.setText(p, row, text, 0, text.length);
            }
        } else {
            into.setNumber(p, row, c.longValue());
        }
    }

    /** A column name as a field name: lower case, {@code _} as {@code -}; null when it cannot be one. */
    static String fieldName(String column) {
        String n = column.toLowerCase(Locale.ROOT).replace('_', '-');
        return n.matches("[a-z][a-z0-9]*(?:-[a-z0-9]+)*") ? n : null;
    }

    /** AWS's Parquet flow logs: one top-level column per field, any order, any subset, unknown ones kept. */
    static final class FlowLogColumns implements Columns {
        private final FlowLogFormat format;
        private final List<ColumnCursor> cursors;
        private final ColumnCursor[] byPosition;

        private FlowLogColumns(FlowLogFormat format, List<ColumnCursor> cursors) {
            this.format = format;
            this.cursors = cursors;
            this.byPosition = cursors.toArray(new ColumnCursor[0]);
        }

        /** The columns of {@code schema} that can be fields; null when none is a known one. */
        static FlowLogColumns of(MessageType schema, java.util.Set<FlowField> only) {
            List<String> names = new ArrayList<>();
            List<ColumnCursor> cursors = new ArrayList<>();
            boolean known = false;
            for (ColumnDescriptor c : schema.getColumns()) {
                String name =
                        c.getPath().length == 1 && c.getMaxRepetitionLevel() == 0 ? fieldName(c.getPath()[0]) : null;
                if (name == null || names.contains(name) || only != null && !only.contains(FlowField.byName(name))) {
                    continue; // nested, repeated or oddly named: no field of a flow log
                }
                known |= FlowField.byName(name) != null;
                names.add(name);
                cursors.add(new ColumnCursor(c));
            }
            return known ? new FlowLogColumns(FlowLogFormat.of(names), cursors) : null;
        }

        @Override
        public FlowLogFormat format() {
            return format;
        }

        @Override
        public List<ColumnCursor> cursors() {
            return cursors;
        }

        @Override
        public boolean decodesIntoBatch() {
            return true;
        }

        @Override
        public void decode(ColumnBatch batch, int rows, String[] notFlow) throws IOException {
            for (int i = 0; i < byPosition.length; i++) {
                byPosition[i].decodeInto(batch, i, rows);
            }
        }
    }
}
