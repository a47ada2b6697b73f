package io.vpcflow.format.parquet;

import io.vpcflow.flowlog.ColumnBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Walks the entries of one leaf column of a row group, a page at a time: each page's levels and values are decoded
 * into arrays at once, then read by index. Dictionary entries are copied out once per row group; plain text values
 * stay slices of the page. parquet-java decompresses the pages and decodes levels and the rarer encodings.
 *
 * <p>An entry is one value slot of a row (more than one for a list): {@link #defined()} when it holds a value.
 */
final class ColumnCursor {
    private final ColumnDescriptor column;
    private final PrimitiveTypeName type;
    private final int maxDef;
    private final int maxRep;
    /** Divisor taking a timestamp column's unit to milliseconds (1 for plain numbers and millisecond stamps). */
    private final long toMillisDivisor;

    private final boolean timestamp;
    private PageReader pages;
    private long entriesLeft;

    // The dictionary of the row group's column chunk, if any.
    private long[] dictLongs;
    private double[] dictDoubles;
    private byte[] dictBytes;
    private int[] dictOff;
    private int[] dictLen;
    /** The dictionary's text entries as the batch judged them for the row group ({@link ColumnBatch#prepare}). */
    private int[] dictHandle;

    // The current page.
    private int count;
    private int pos;
    private int[] defs = new int[0];
    private int[] reps = new int[0];
    private int value;
    private boolean byId;
    private int[] ids = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private byte[] bytes;
    private int[] off = new int[0];
    private int[] len = new int[0];

    ColumnCursor(ColumnDescriptor column) {
        this.column = column;
        this.type = column.getPrimitiveType().getPrimitiveTypeName();
        this.maxDef = column.getMaxDefinitionLevel();
        this.maxRep = column.getMaxRepetitionLevel();
        LogicalTypeAnnotation logical = column.getPrimitiveType().getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            timestamp = true;
            toMillisDivisor = switch (t.getUnit()) {
                case MILLIS -> 1;
                case MICROS -> 1_000;
                case NANOS -> 1_000_000;
            };
        } else {
            timestamp = false;
            toMillisDivisor = 1;
        }
    }

    ColumnDescriptor column() {
        return column;
    }

    /** Whether the values are text (as opposed to numbers). */
    boolean isText() {
        return type == PrimitiveTypeName.BINARY || type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    }

    /** Whether the values are fractional numbers (DOUBLE or FLOAT). */
    boolean isFractional() {
        return type == PrimitiveTypeName.DOUBLE || type == PrimitiveTypeName.FLOAT;
    }

    /**
     * Starts on this column's chunk of a new row group; its text dictionary, if any, is judged once by {@code batch}
     * as field {@code p} (batch null when the column is read entry by entry).
     */
    void start(PageReader pages, ColumnBatch batch, int p) throws IOException {
        this.pages = pages;
        this.entriesLeft = pages.getTotalValueCount();
        this.count = 0;
        this.pos = -1;
        this.dictLongs = null;
        this.dictDoubles = null;
        this.dictBytes = null;
        DictionaryPage page = pages.readDictionaryPage();
        if (page != null) {
            readDictionary(page.getEncoding().initDictionary(column, page));
            if (batch != null && dictBytes != null) {
                dictHandle = new int[dictOff.length];
                for (int i = 0; i < dictHandle.length; i++) {
                    dictHandle[i] = batch.prepare(p, dictBytes, dictOff[i], dictLen[i]);
                }
            }
        }
    }

    /**
     * Reads the next {@code rows} rows of this single-valued column into field {@code p} of {@code batch}, rows 0 on;
     * a null leaves the field absent. Columns are decoded one after the other, each in a loop of its own type.
     */
    void decodeInto(ColumnBatch batch, int p, int rows) throws IOException {
        int r = 0;
        while (r < rows) {
            if (pos + 1 >= count) {
                readPage();
                pos = -1;
                value = -1;
            }
            int take = Math.min(rows - r, count - (pos + 1));
            int end = r + take;
            if (isText() && byId) {
                value = batch.setPrepared(p, r, take, defs, pos + 1, maxDef, dictHandle, ids, value + 1) - 1;
                pos += take;
                r = end;
            } else if (!isText() && !isFractional() && !timestamp) {
                long[] values = byId ? dictLongs : longs;
                value = batch.setNumbers(p, r, take, defs, pos + 1, maxDef, values, byId ? ids : null, value + 1) - 1;
                pos += take;
                r = end;
            } else if (isText()) {
                for (; r < end; r++) {
                    if (defs[++pos] == maxDef) {
                        int v = ++value;
                        batch.setText(p, r, bytes, off[v], len[v]);
                    }
                }
            } else if (isFractional()) {
                for (; r < end; r++) {
                    if (defs[++pos] == maxDef) {
                        double d = byId ? dictDoubles[ids[++value]] : doubles[++value];
                        long l = (long) d;
                        if (l == d) {
                            batch.setNumber(p, r, l);
                        } else {
                            byte[] t = Double.toString(d).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            batch.setText(p, r, t, 0, t.length);
                        }
                    }
                }
            } else {
                for (; r < end; r++) {
                    if (defs[++pos] == maxDef) {
                        long l = byId ? dictLongs[ids[++value]] : longs[++value];
                        batch.setNumber(p, r, l / toMillisDivisor);
                    }
                }
            }
        }
    }

    private void readDictionary(Dictionary d) {
        int n = d.getMaxId() + 1;
        switch (type) {
            case INT32 -> {
                dictLongs = new long[n];
                for (int i = 0; i < n; i++) {
                    dictLongs[i] = d.decodeToInt(i);
                }
            }
            case INT64 -> {
                dictLongs = new long[n];
                for (int i = 0; i < n; i++) {
                    dictLongs[i] = d.decodeToLong(i);
                }
            }
            case DOUBLE -> {
                dictDoubles = new double[n];
                for (int i = 0; i < n; i++) {
                    dictDoubles[i] = d.decodeToDouble(i);
                }
            }
            case FLOAT -> {
                dictDoubles = new double[n];
                for (int i = 0; i < n; i++) {
                    dictDoubles[i] = d.decodeToFloat(i);
                }
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                dictOff = new int[n];
                dictLen = new int[n];
                int total = 0;
                Binary[] values = new Binary[n];
                for (int i = 0; i < n; i++) {
                    values[i] = d.decodeToBinary(i);
                    total += values[i].length();
                }
                dictBytes = new byte[total];
                int at = 0;
                for (int i = 0; i < n; i++) {
                    ByteBuffer b = values[i].toByteBuffer();
                    int l = b.remaining();
                    b.get(dictBytes, at, l);
                    dictOff[i] = at;
                    dictLen[i] = l;
                    at += l;
                }
            }
            default -> throw new ParquetDecodingException("a dictionary of " + type + " values in " + path());
        }
    }

    /** Whether the chunk has another entry. */
    boolean hasNext() {
        return pos + 1 < count || entriesLeft > 0;
    }

    /**
     * Moves to the next entry, reading the next page when this one is done.
     *
     * @throws ParquetDecodingException when the chunk has fewer entries than its row group's rows need
     */
    void next() throws IOException {
        if (++pos >= count) {
            readPage();
            pos = 0;
            value = -1;
            if (reps[0] != 0) {
                throw new ParquetDecodingException("a list continues across pages in " + path());
            }
        }
        if (defs[pos] == maxDef) {
            value++;
        }
    }

    /** The repetition level of the entry after this one: 0 when it starts a new row, or when there is none. */
    int nextRepetition() {
        if (maxRep == 0) {
            return 0;
        }
        if (pos + 1 < count) {
            return reps[pos + 1];
        }
        // The next entry is on the next page, which starts a row: writers start rows on page boundaries (page indexes
        // need it), and next() refuses a page that does not.
        return 0;
    }

    /** Whether the current entry holds a value (rather than a null, or an empty list). */
    boolean defined() {
        return defs[pos] == maxDef;
    }

    /** The current entry's value as an integer: INT32, INT64, BOOLEAN (1 or 0), or a timestamp in milliseconds. */
    long longValue() {
        return timestamp ? longValueRaw() / toMillisDivisor : longValueRaw();
    }

    private long longValueRaw() {
        return byId ? dictLongs[ids[value]] : longs[value];
    }

    /** The current entry's value as a fractional number: DOUBLE or FLOAT. */
    double doubleValue() {
        return byId ? dictDoubles[ids[value]] : doubles[value];
    }

    /** The current text entry's bytes: {@link #textOffset()} and {@link #textLength()} in this array. */
    byte[] textBytes() {
        return byId ? dictBytes : bytes;
    }

    int textOffset() {
        return byId ? dictOff[ids[value]] : off[value];
    }

    int textLength() {
        return byId ? dictLen[ids[value]] : len[value];
    }

    private String path() {
        return String.join(".", column.getPath());
    }

    private void readPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new ParquetDecodingException("column " + path() + " ends before its row group's last row");
        }
        int n = page.getValueCount();
        count = n;
        entriesLeft -= n;
        if (defs.length < n) {
            defs = new int[n];
            reps = new int[n];
        }
        if (page instanceof DataPageV1 v1
                && maxRep == 0
                && (maxDef == 0 || v1.getDlEncoding() == Encoding.RLE)
                && readPlainV1(v1, n)) {
            return;
        }
        if (page instanceof DataPageV1 v1) {
            ByteBufferInputStream in = v1.getBytes().toInputStream();
            ValuesReader rl = v1.getRlEncoding().getValuesReader(column, ValuesType.REPETITION_LEVEL);
            ValuesReader dl = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
            rl.initFromPage(n, in);
            dl.initFromPage(n, in);
            for (int i = 0; i < n; i++) {
                reps[i] = rl.readInteger();
                defs[i] = dl.readInteger();
            }
            readValues(v1.getValueEncoding(), in, defined(n));
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            levels(v2.getRepetitionLevels(), maxRep, reps, n);
            levels(v2.getDefinitionLevels(), maxDef, defs, n);
            readValues(v2.getDataEncoding(), v2.getData().toInputStream(), defined(n));
        }
    }

    /**
     * A page of a single-valued column, its levels RLE-encoded (what every writer makes): levels and dictionary ids
     * decoded in bulk ({@link HybridDecoder}). False, having read nothing, for value encodings left to parquet-java.
     */
    private boolean readPlainV1(DataPageV1 v1, int n) throws IOException {
        Encoding values = v1.getValueEncoding();
        boolean dictionary = values.usesDictionary();
        if (!dictionary
                && !(values == Encoding.PLAIN
                        && type != PrimitiveTypeName.BOOLEAN
                        && type != PrimitiveTypeName.INT96)) {
            return false;
        }
        byte[] page = v1.getBytes().toByteArray();
        int at = 0;
        Arrays.fill(reps, 0, n, 0);
        if (maxDef == 0) {
            Arrays.fill(defs, 0, n, 0);
        } else {
            if (page.length < 4) {
                throw new ParquetDecodingException("a page of " + path() + " ends in its levels");
            }
            int length = (page[0] & 0xFF) | (page[1] & 0xFF) << 8 | (page[2] & 0xFF) << 16 | (page[3] & 0xFF) << 24;
            if (length < 0 || 4 + length > page.length) {
                throw new ParquetDecodingException("the levels of a page of " + path() + " run past it");
            }
            HybridDecoder.decode(page, 4, 4 + length, 32 - Integer.numberOfLeadingZeros(maxDef), defs, n);
            at = 4 + length;
        }
        int m = defined(n);
        if (!dictionary) {
            byId = false;
            plain(ByteBuffer.wrap(page, at, page.length - at).slice(), m);
            return true;
        }
        if (dictLongs == null && dictDoubles == null && dictBytes == null) {
            throw new ParquetDecodingException("dictionary-encoded values without a dictionary in " + path());
        }
        byId = true;
        if (ids.length < m) {
            ids = new int[m];
        }
        if (m > 0) {
            if (at >= page.length) {
                throw new ParquetDecodingException("a page of " + path() + " ends before its values");
            }
            int width = page[at];
            if (width < 0 || width > 32) {
                throw new ParquetDecodingException("a dictionary id width of " + width + " in " + path());
            }
            HybridDecoder.decode(page, at + 1, page.length, width, ids, m);
            int size = dictBytes != null ? dictOff.length : dictLongs != null ? dictLongs.length : dictDoubles.length;
            for (int i = 0; i < m; i++) {
                if (ids[i] < 0 || ids[i] >= size) {
                    throw new ParquetDecodingException("a dictionary id past the dictionary in " + path());
                }
            }
        }
        return true;
    }

    private int defined(int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (defs[i] == maxDef) {
                m++;
            }
        }
        return m;
    }

    private static void levels(BytesInput in, int max, int[] out, int n) throws IOException {
        if (max == 0) {
            Arrays.fill(out, 0, n, 0);
            return;
        }
        int width = 32 - Integer.numberOfLeadingZeros(max);
        RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(width, in.toInputStream());
        for (int i = 0; i < n; i++) {
            out[i] = d.readInt();
        }
    }

    private void readValues(Encoding encoding, ByteBufferInputStream in, int m) throws IOException {
        byId = false;
        if (encoding.usesDictionary()) {
            if (dictLongs == null && dictDoubles == null && dictBytes == null) {
                throw new ParquetDecodingException("dictionary-encoded values without a dictionary in " + path());
            }
            byId = true;
            if (ids.length < m) {
                ids = new int[m];
            }
            if (m == 0) {
                return;
            }
            // The ids: one byte of bit width, then RLE/bit-packed runs.
            int width = in.read();
            RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(width, in);
            for (int i = 0; i < m; i++) {
                ids[i] = d.readInt();
            }
            return;
        }
        if (encoding == Encoding.PLAIN && type != PrimitiveTypeName.BOOLEAN && type != PrimitiveTypeName.INT96) {
            plain(in.slice(in.available()), m);
            return;
        }
        ValuesReader r = encoding.getValuesReader(column, ValuesType.VALUES);
        r.initFromPage(m, in);
        switch (type) {
            case INT32, BOOLEAN, INT64 -> {
                ensureLongs(m);
                for (int i = 0; i < m; i++) {
                    longs[i] = type == PrimitiveTypeName.INT32
                            ? r.readInteger()
                            : type == PrimitiveTypeName.INT64 ? r.readLong() : r.readBoolean() ? 1 : 0;
                }
            }
            case DOUBLE, FLOAT -> {
                ensureDoubles(m);
                for (int i = 0; i < m; i++) {
                    doubles[i] = type == PrimitiveTypeName.DOUBLE ? r.readDouble() : r.readFloat();
                }
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                ensureText(m);
                Binary[] values = new Binary[m];
                int total = 0;
                for (int i = 0; i < m; i++) {
                    values[i] = r.readBytes();
                    total += values[i].length();
                }
                bytes = new byte[total];
                int at = 0;
                for (int i = 0; i < m; i++) {
                    ByteBuffer b = values[i].toByteBuffer();
                    int l = b.remaining();
                    b.get(bytes, at, l);
                    off[i] = at;
                    len[i] = l;
                    at += l;
                }
            }
            default -> throw new ParquetDecodingException(type + " values are not read (column " + path() + ")");
        }
    }

    /** PLAIN values straight from the page: little-endian numbers, length-prefixed text. */
    private void plain(ByteBuffer b, int m) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case INT32 -> {
                ensureLongs(m);
                for (int i = 0; i < m; i++) {
                    longs[i] = b.getInt();
                }
            }
            case INT64 -> {
                ensureLongs(m);
                for (int i = 0; i < m; i++) {
                    longs[i] = b.getLong();
                }
            }
            case DOUBLE -> {
                ensureDoubles(m);
                for (int i = 0; i < m; i++) {
                    doubles[i] = b.getDouble();
                }
            }
            case FLOAT -> {
                ensureDoubles(m);
                for (int i = 0; i < m; i++) {
                    doubles[i] = b.getFloat();
                }
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                ensureText(m);
                byte[] array;
                int base;
                if (b.hasArray()) {
                    array = b.array();
                    base = b.arrayOffset() + b.position();
                } else {
                    array = new byte[b.remaining()];
                    b.duplicate().get(array);
                    base = 0;
                }
                int limit = base + b.remaining();
                int fixed = type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? column.getTypeLength() : -1;
                int at = base;
                for (int i = 0; i < m; i++) {
                    int l = fixed >= 0 ? fixed : littleEndianInt(array, at, limit);
                    if (fixed < 0) {
                        at += 4;
                    }
                    if (l < 0 || at + l > limit) {
                        throw new ParquetDecodingException("a text value runs past its page in " + path());
                    }
                    off[i] = at;
                    len[i] = l;
                    at += l;
                }
                bytes = array;
            }
            default -> throw new ParquetDecodingException(type + " values are not read (column " + path() + ")");
        }
    }

    private int littleEndianInt(byte[] a, int at, int limit) {
        if (at + 4 > limit) {
            throw new ParquetDecodingException("a text value runs past its page in " + path());
        }
        return (a[at] & 0xFF) | (a[at + 1] & 0xFF) << 8 | (a[at + 2] & 0xFF) << 16 | (a[at + 3] & 0xFF) << 24;
    }

    private void ensureLongs(int m) {
        if (longs.length < m) {
            longs = new long[m];
        }
    }

    private void ensureDoubles(int m) {
        if (doubles.length < m) {
            doubles = new double[m];
        }
    }

    private void ensureText(int m) {
        if (off.length < m) {
            off = new int[m];
            len = new int[m];
        }
    }
}
