package io.vpcflow.format.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/** A UTF-8 string (BINARY) leaf column ({@link PageColumn}). */
final class TextPages extends PageColumn {
    /**
     * Without a dictionary, the UTF-8 bytes of each value of the page and their size PLAIN-encoded; with one,
     * only each value's id (the bytes are the dictionary's: found when needed).
     */
    private byte[][] page = new byte[0][];

    private long pagePlainBytes;
    // The dictionary: open addressing from text to id, each slot's entry the text's hash (high half) and id + 1
    // (low half; 0: an empty slot), so that a probe reads the text only when the hashes match; each id's bytes.
    private String[] keys = new String[64];
    private long[] slots = new long[64];
    private byte[][] byId = new byte[16][];
    // The distinct ids of the page, for its statistics: marked with the page number + 1 when first seen on it.
    private int[] seenOnPage = new int[16];
    private int[] distinct = new int[0];
    private int distinctCount;
    private long dictionaryPlainBytes;
    private String lastText;
    private int lastId;
    // Without a dictionary: the bytes of recent texts, so a repeated text is encoded once.
    private BinaryCache recent;

    TextPages(ColumnDescriptor column, PageWriter pages, ParquetProperties props, boolean dictionary) {
        super(column, pages, props, dictionary);
    }

    /** Adds a text to a page without a dictionary. */
    private void addPlain(String text) throws IOException {
        page = room(page, values + 1);
        byte[] bytes = bytesOf(text);
        page[values] = bytes;
        pagePlainBytes += 4 + bytes.length;
        addedValue(pagePlainBytes);
    }

    /**
     * Adds {@code texts[0..count)} (null: a null): while the dictionary is on, in one loop per page with its
     * state in locals, the page's limits checked once per page rather than per value.
     */
    void addAll(String[] texts, int count) throws IOException {
        int i = 0;
        while (i < count && dictionary) {
            int end = i + Math.min(count - i, pageRows - rows);
            ids = room(ids, values + (end - i));
            int[] pageIds = ids;
            int row = rows;
            int value = values;
            String last = lastText;
            int id = lastId;
            int mark = pageNumber + 1;
            for (; i < end; i++) {
                String text = texts[i];
                if (text == null) {
                    nullsAt(row++, 1);
                    continue;
                }
                // Many columns repeat the row before (the same interface, owner, verdict): one comparison then.
                // The last text is forgotten at each page's end, so a page's ids are all seen here.
                if (text != last) {
                    id = idOf(text);
                    last = text;
                    if (seenOnPage[id] != mark) {
                        seenOnPage[id] = mark;
                        distinct = room(distinct, distinctCount + 1);
                        distinct[distinctCount++] = id;
                    }
                }
                pageIds[value++] = id;
                row++;
            }
            rows = row;
            values = value;
            lastText = last;
            lastId = id;
            // Checked once per page's share of the batch: the dictionary may outgrow its limit by a batch's new
            // texts, and the page then goes on without it.
            if (dictionaryPlainBytes > dictionaryBytesLimit) {
                dictionary = false;
                idsToBytes(values);
            }
            endPageIfFull();
        }
        for (; i < count; i++) {
            if (texts[i] == null) {
                addNull();
            } else {
                addPlain(texts[i]);
            }
        }
    }

    /** The page's first {@code count} values as bytes, from their ids: the page goes on without a dictionary. */
    private void idsToBytes(int count) {
        page = room(page, count);
        pagePlainBytes = 0;
        for (int i = 0; i < count; i++) {
            page[i] = byId[ids[i]];
            pagePlainBytes += 4 + page[i].length;
        }
    }

    /** The text's dictionary id, added if new. The common case, the same String at its first slot, inlines. */
    private int idOf(String text) {
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & (keys.length - 1);
        if (keys[slot] == text) {
            return (int) slots[slot] - 1;
        }
        return idOfProbing(text, h, slot);
    }

    private int idOfProbing(String text, int h, int slot) {
        int mask = keys.length - 1;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                break;
            }
            if ((int) (entry >>> 32) == h) {
                String k = keys[slot];
                if (k == text || k.equals(text)) {
                    return (int) entry - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
        if (dictionarySize == byId.length) {
            byId = Arrays.copyOf(byId, dictionarySize * 2);
            seenOnPage = Arrays.copyOf(seenOnPage, dictionarySize * 2);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byId[dictionarySize] = bytes;
        dictionaryPlainBytes += 4 + bytes.length;
        keys[slot] = text;
        slots[slot] = (long) h << 32 | ++dictionarySize;
        if (dictionarySize * 2 > keys.length) {
            rehash();
        }
        return dictionarySize - 1;
    }

    private void rehash() {
        String[] oldKeys = keys;
        long[] oldSlots = slots;
        keys = new String[oldKeys.length * 2];
        slots = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != 0) {
                int h = (int) (oldSlots[i] >>> 32);
                int slot = (h ^ (h >>> 16)) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                slots[slot] = oldSlots[i];
            }
        }
    }

    private byte[] bytesOf(String text) {
        if (recent == null) {
            recent = new BinaryCache(1024);
        }
        return recent.binary(text).getBytesUnsafe(); // array-backed: the array itself, not a copy
    }

    @Override
    void addMinMax(Statistics<?> stats) {
        byte[] min = dictionary ? byId[ids[0]] : page[0];
        byte[] max = min;
        if (dictionary) {
            for (int i = 0; i < distinctCount; i++) {
                byte[] b = byId[distinct[i]];
                if (Arrays.compareUnsigned(b, min) < 0) {
                    min = b;
                } else if (Arrays.compareUnsigned(b, max) > 0) {
                    max = b;
                }
            }
        } else {
            byte[] last = min;
            for (int i = 1; i < values; i++) {
                byte[] b = page[i];
                if (b != last) {
                    last = b;
                    if (Arrays.compareUnsigned(b, min) < 0) {
                        min = b;
                    } else if (Arrays.compareUnsigned(b, max) > 0) {
                        max = b;
                    }
                }
            }
        }
        // Parquet orders strings by their UTF-8 bytes, unsigned: Arrays.compareUnsigned.
        stats.updateStats(Binary.fromConstantByteArray(min));
        stats.updateStats(Binary.fromConstantByteArray(max));
    }

    @Override
    BytesInput plainValues() {
        if (dictionary) {
            idsToBytes(values);
        }
        return BytesInput.from(plain(page, values, pagePlainBytes));
    }

    private static byte[] plain(byte[][] texts, int count, long plainBytes) {
        byte[] out = new byte[Math.toIntExact(plainBytes)];
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] b = texts[i];
            putIntLittleEndian(out, at, b.length);
            System.arraycopy(b, 0, out, at + 4, b.length);
            at += 4 + b.length;
        }
        return out;
    }

    @Override
    long plainBytes() {
        if (!dictionary) {
            return pagePlainBytes;
        }
        long bytes = 0;
        for (int i = 0; i < values; i++) {
            bytes += 4 + byId[ids[i]].length;
        }
        return bytes;
    }

    @Override
    long openPageBytes() {
        return dictionary ? 4L * values : pagePlainBytes;
    }

    @Override
    long dictionaryBytes() {
        return dictionaryPlainBytes;
    }

    @Override
    BytesInput dictionaryPage() {
        return BytesInput.from(plain(byId, dictionarySize, dictionaryPlainBytes));
    }

    @Override
    void pageDone() {
        Arrays.fill(page, 0, Math.min(values, page.length), null);
        pagePlainBytes = 0;
        distinctCount = 0;
        lastText = null;
    }
}
