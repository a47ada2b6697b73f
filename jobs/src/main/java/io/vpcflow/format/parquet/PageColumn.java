package io.vpcflow.format.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * One optional, non-repeated leaf column of a row group, encoded by us into Parquet v1 data pages: the values
 * of a page are kept in plain arrays and encoded when the page is full, all at once. parquet-java encodes,
 * checks and keeps statistics value by value, which cost about 20 ns per value over the 95 columns of
 * {@code flows}; here a page of 20,000 nulls is one run of definition levels, and the statistics of a
 * dictionary page are found among its distinct values.
 *
 * <p>The encodings, the dictionary's fallback rules and the page limits are parquet-java's v1 writer's: a
 * dictionary (PLAIN_DICTIONARY) while it stays under the dictionary page size and pays for itself on the
 * first page with values, else PLAIN; pages of at most 20,000 rows or 1 MiB. Compression, page headers, column
 * and offset indexes stay parquet-java's, behind its {@link PageWriter}. Not thread-safe: one per column per row
 * group.
 */
abstract class PageColumn {
    /** Arrays grow to a page's rows as they fill: a writer per open bucket should not cost megabytes up front. */
    private static final int INITIAL_ROWS = 1024;

    final ColumnDescriptor column;
    private final PageWriter pages;
    final int pageRows;
    final long pageBytes;
    final long dictionaryBytesLimit;
    /** Whether values are still dictionary-encoded; once false, until the row group ends. */
    boolean dictionary;
    /** Whether no page with a value has been written yet. */
    private boolean firstPage = true;

    private int dictionaryPages;
    /**
     * The page's nulls as runs: run {@code i} starts at row {@code nullStart[i]} and ends before
     * {@code nullEnd[i]}. A value costs nothing here; most pages have no nulls, or nothing else.
     */
    private int[] nullStart = new int[8];

    private int[] nullEnd = new int[8];
    private int nullRuns;
    /** Rows in the current page, and the values (non-null rows) among them. */
    int rows;

    int values;
    private final HybridEncoder hybrid = new HybridEncoder();
    /** Page number in this row group, to mark the distinct dictionary ids seen in a page. */
    int pageNumber;
    /** The open page's values as dictionary ids, while {@link #dictionary} is on. */
    int[] ids = new int[0];
    /** Distinct values in the dictionary; each one's id is the order it came in. */
    int dictionarySize;

    PageColumn(ColumnDescriptor column, PageWriter pages, ParquetProperties props, boolean dictionary) {
        this.column = column;
        this.pages = pages;
        this.pageRows = props.getPageRowCountLimit();
        this.pageBytes = props.getPageSizeThreshold();
        this.dictionaryBytesLimit = props.getDictionaryPageSizeThreshold();
        this.dictionary = dictionary;
    }

    final void addNull() throws IOException {
        addNulls(1);
    }

    /** Adds {@code count} nulls, page by page. */
    final void addNulls(int count) throws IOException {
        while (count > 0) {
            int n = Math.min(count, pageRows - rows);
            nullsAt(rows, n);
            rows += n;
            count -= n;
            if (rows >= pageRows) {
                endPage();
            }
        }
    }

    /** Records {@code n} nulls from row {@code row} of the page on; the caller counts the rows. */
    final void nullsAt(int row, int n) {
        if (nullRuns > 0 && nullEnd[nullRuns - 1] == row) {
            nullEnd[nullRuns - 1] += n;
            return;
        }
        if (nullRuns == nullStart.length) {
            nullStart = Arrays.copyOf(nullStart, nullRuns * 2);
            nullEnd = Arrays.copyOf(nullEnd, nullRuns * 2);
        }
        nullStart[nullRuns] = row;
        nullEnd[nullRuns++] = row + n;
    }

    /** Ends the page if it is full: for subclasses that add many values at once. */
    final void endPageIfFull() throws IOException {
        if (rows >= pageRows) {
            endPage();
        }
    }

    /** An array of at least {@code needed} elements, the given one's values kept, for a page's values. */
    final int[] room(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** An array of at least {@code needed} elements, the given one's values kept, for a page's values. */
    final byte[][] room(byte[][] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** An array of at least {@code needed} elements, the given one's values kept, for a page's values. */
    final long[] room(long[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, grown(array.length, needed));
    }

    /** Doubling, from {@link #INITIAL_ROWS}, up to a page's rows. */
    private int grown(int length, int needed) {
        return Math.min(pageRows, Math.max(needed, Math.max(INITIAL_ROWS, length * 2)));
    }

    /** Counts the row of a value the subclass has just kept; ends the page when it is full. */
    final void addedValue(long pageValueBytes) throws IOException {
        rows++;
        values++;
        if (rows >= pageRows || pageValueBytes >= pageBytes) {
            endPage();
        }
    }

    /** Bytes held for this column: pages written to the page writer (compressed) and the open page. */
    final long bufferedBytes() {
        return pages.getMemSize() + openPageBytes() + (dictionary ? dictionaryBytes() : 0);
    }

    /** Writes the open page, then the dictionary page if any page used it. The column is done after this. */
    final void endChunk() throws IOException {
        endPage();
        if (dictionaryPages > 0) {
            pages.writeDictionaryPage(new DictionaryPage(dictionaryPage(), dictionarySize, Encoding.PLAIN_DICTIONARY));
        }
    }

    private void endPage() throws IOException {
        if (rows == 0) {
            return;
        }
        Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
        stats.incrementNumNulls(rows - values);
        if (values > 0) {
            addMinMax(stats);
        }
        BytesInput levels = definitionLevels();
        boolean useDictionary = dictionary;
        BytesInput ids = null;
        if (useDictionary) {
            ids = dictionaryIds();
            // parquet-java's test of a dictionary, made once: ids and dictionary must be smaller than the plain
            // values. parquet-java makes it on the first page even if that page has only nulls, and so gives up
            // the dictionary of a column that starts null; here it waits for the first page with a value.
            if (firstPage && values > 0) {
                useDictionary = ids.size() + dictionaryBytes() < plainBytes();
                firstPage = false;
            }
        }
        BytesInput data;
        Encoding encoding;
        if (values == 0) {
            // Only nulls: no values to encode, and no reason for a dictionary page (an empty one, if no value
            // ever comes) or to give the dictionary up.
            data = BytesInput.empty();
            encoding = Encoding.PLAIN;
        } else if (useDictionary) {
            data = ids;
            encoding = Encoding.PLAIN_DICTIONARY;
            dictionaryPages++;
        } else {
            // While the dictionary is on, the subclass finds the values from their ids.
            data = plainValues();
            encoding = Encoding.PLAIN;
            dictionary = false;
        }
        // A v1 page: no repetition levels (the column is not repeated), definition levels with their length,
        // then the values.
        pages.writePage(
                BytesInput.concat(levels, data), rows, rows, stats, Encoding.BIT_PACKED, Encoding.RLE, encoding);
        pageDone();
        rows = 0;
        values = 0;
        nullRuns = 0;
        pageNumber++;
    }

    /** Definition levels (0 null, 1 value) as the RLE/bit-packed hybrid with bit width 1, after a 4-byte length. */
    private BytesInput definitionLevels() {
        if (values == 0 || values == rows) {
            byte[] run = new byte[4 + 6];
            int n = putVarInt(run, 4, rows << 1);
            run[n++] = (byte) (values == 0 ? 0 : 1);
            putIntLittleEndian(run, 0, n - 4);
            return BytesInput.from(run, 0, n);
        }
        int[] levels = new int[rows];
        Arrays.fill(levels, 1);
        for (int i = 0; i < nullRuns; i++) {
            Arrays.fill(levels, nullStart[i], nullEnd[i], 0);
        }
        hybrid.encode(levels, rows, 1);
        // Copied: the dictionary ids are encoded with the same encoder next.
        byte[] bytes = new byte[4 + hybrid.size()];
        putIntLittleEndian(bytes, 0, hybrid.size());
        System.arraycopy(hybrid.bytes(), 0, bytes, 4, hybrid.size());
        return BytesInput.from(bytes);
    }

    /** The page's dictionary ids: their bit width in one byte, then the RLE/bit-packed hybrid of the ids. */
    private BytesInput dictionaryIds() {
        int width = 32 - Integer.numberOfLeadingZeros(Math.max(0, dictionarySize - 1));
        hybrid.encode(ids, values, width);
        return BytesInput.concat(
                BytesInput.from(new byte[] {(byte) width}), BytesInput.from(hybrid.bytes(), 0, hybrid.size()));
    }

    /** Adds the page's smallest and largest value (there is at least one) to its statistics. */
    abstract void addMinMax(Statistics<?> stats);

    /** The page's values, PLAIN-encoded (from their ids while {@link #dictionary} is on). */
    abstract BytesInput plainValues();

    /** Size of the page's values, PLAIN-encoded (from their ids while {@link #dictionary} is on). */
    abstract long plainBytes();

    /** Bytes the open page holds, as its values would be written. */
    abstract long openPageBytes();

    /** Size of the dictionary, PLAIN-encoded. */
    abstract long dictionaryBytes();

    /** The dictionary, PLAIN-encoded in id order. */
    abstract BytesInput dictionaryPage();

    /** Forgets the written page's values. */
    abstract void pageDone();

    static int putVarInt(byte[] b, int at, int value) {
        while ((value & ~0x7F) != 0) {
            b[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[at++] = (byte) value;
        return at;
    }

    static void putIntLittleEndian(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
