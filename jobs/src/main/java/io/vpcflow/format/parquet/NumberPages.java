package io.vpcflow.format.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** An INT32 or INT64 leaf column ({@link PageColumn}); INT32 values are kept as longs too. */
final class NumberPages extends PageColumn {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private final int width;
    private long[] page = new long[0];
    // The dictionary: open addressing from value to id + 1 (0: empty slot), and the values by id.
    private long[] keys = new long[64];
    private int[] slots = new int[64];
    private long[] byId = new long[16];
    /** The last value looked up and its id; -1: none yet. */
    private long lastValue;

    private int lastValueId = -1;

    NumberPages(ColumnDescriptor column, PageWriter pages, ParquetProperties props, boolean dictionary) {
        super(column, pages, props, dictionary);
        this.width = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64 ? 8 : 4;
    }

    /**
     * Adds {@code numbers[0..count)}, a negative one as null if {@code negativeIsNull}: in one loop per page,
     * the page's limits checked once per page rather than per value.
     */
    void addAll(long[] numbers, int count, boolean negativeIsNull) throws IOException {
        int i = 0;
        while (i < count) {
            int end = i + Math.min(count - i, pageRows - rows);
            page = room(page, values + (end - i));
            boolean useIds = dictionary;
            if (useIds) {
                ids = room(ids, values + (end - i));
            }
            long[] pageValues = page;
            int[] pageIds = ids;
            int row = rows;
            int value = values;
            long last = lastValue;
            int lastId = lastValueId;
            for (; i < end; i++) {
                long v = numbers[i];
                if (negativeIsNull && v < 0) {
                    nullsAt(row++, 1);
                    continue;
                }
                if (useIds) {
                    // Ports, protocols, versions repeat the row before often: one comparison then.
                    if (v != last || lastId < 0) {
                        lastId = idOf(v);
                        last = v;
                    }
                    pageIds[value] = lastId;
                }
                pageValues[value++] = v;
                row++;
            }
            rows = row;
            values = value;
            lastValue = last;
            lastValueId = lastId;
            // The page's values are all kept: a dictionary that outgrew its limit is dropped from this page on.
            if (dictionary && dictionaryBytes() > dictionaryBytesLimit) {
                dictionary = false;
            }
            endPageIfFull();
        }
    }

    private int idOf(long v) {
        int mask = keys.length - 1;
        int slot = hash(v) & mask;
        while (true) {
            int id = slots[slot];
            if (id == 0) {
                break;
            }
            if (keys[slot] == v) {
                return id - 1;
            }
            slot = (slot + 1) & mask;
        }
        if (dictionarySize == byId.length) {
            byId = Arrays.copyOf(byId, dictionarySize * 2);
        }
        byId[dictionarySize] = v;
        keys[slot] = v;
        slots[slot] = ++dictionarySize;
        if (dictionarySize * 2 > keys.length) {
            rehash();
        }
        return dictionarySize - 1;
    }

    private static int hash(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void rehash() {
        keys = new long[keys.length * 2];
        slots = new int[slots.length * 2];
        int mask = keys.length - 1;
        for (int id = 0; id < dictionarySize; id++) {
            int slot = hash(byId[id]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = byId[id];
            slots[slot] = id + 1;
        }
    }

    @Override
    void addMinMax(Statistics<?> stats) {
        long min = page[0];
        long max = min;
        for (int i = 1; i < values; i++) {
            long v = page[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (width == 8) {
            stats.updateStats(min);
            stats.updateStats(max);
        } else {
            stats.updateStats((int) min);
            stats.updateStats((int) max);
        }
    }

    @Override
    BytesInput plainValues() {
        return BytesInput.from(plain(page, values));
    }

    private byte[] plain(long[] numbers, int count) {
        byte[] out = new byte[count * width];
        if (width == 8) {
            for (int i = 0; i < count; i++) {
                LONGS.set(out, i * 8, numbers[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                INTS.set(out, i * 4, (int) numbers[i]);
            }
        }
        return out;
    }

    @Override
    long plainBytes() {
        return (long) values * width;
    }

    @Override
    long openPageBytes() {
        return plainBytes();
    }

    @Override
    long dictionaryBytes() {
        return (long) dictionarySize * width;
    }

    @Override
    BytesInput dictionaryPage() {
        return BytesInput.from(plain(byId, dictionarySize));
    }

    @Override
    void pageDone() {}
}
