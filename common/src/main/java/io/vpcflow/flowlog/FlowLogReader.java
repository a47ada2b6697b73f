package io.vpcflow.flowlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a flow-log file or payload as AWS delivers it and hands every line on as a record or a dead letter.
 *
 * <p>Handles gzip or plain text (detected by the gzip magic bytes, not the name), a header line at the
 * top or repeated mid-file (a different header switches the format), blank lines, CRLF, a missing
 * final newline, and CloudWatch Logs subscription payloads (JSON envelopes, which carry no header).
 * Data never makes it throw: a bad line, a truncated gzip tail or a read error becomes a dead letter
 * and reading carries on (or ends, when the stream itself cannot go on).
 *
 * <p>Not thread-safe: one reader per thread; it reuses its buffers and the record it hands out.
 */
public final class FlowLogReader {
    /** No record comes near this length; longer lines are dead letters, their raw text cut here. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    /**
     * A CloudWatch Logs envelope carries one PutLogEvents batch (at most 1 MiB of messages) and its JSON; an envelope
     * longer than this is not one, and is dropped as it streams past rather than held.
     */
    public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Receives what a reader finds. The record passed to {@link #onRecord} is reused after the call returns. */
    public interface Handler {
        void onRecord(MutableFlowRecord record, long lineNumber);

        void onDeadLetter(DeadLetter deadLetter);

        /** Called when a file starts with, or switches to, a format (from a header line or the configuration). */
        default void onFormat(FlowLogFormat format) {}

        /** A columnar (Parquet) reader read a row group to its end: a restored reader can start after it. */
        default void onRowGroupEnd() {}
    }

    private final FlowLogFormat configured;
    private final Map<FlowLogFormat, FlowLineParser> parsers = new HashMap<>();
    private final MutableFlowRecord record = new MutableFlowRecord();
    private final byte[] buf = new byte[BUFFER_BYTES];

    // Per-read state.
    private FlowLineParser parser;
    private String source;
    private Handler handler;
    private boolean gzip;
    private boolean ended;
    private IOException readError;
    private InputStream body;
    private InputStream cloudWatch;
    /** The inflating stream this reader made, ended as soon as the input is done (see {@link #endInflater()}). */
    private GZIPInputStream inflating;

    private int start;
    private int limit;
    private int scan;
    private long lineNumber;
    private String tooLong;
    private boolean done;
    private long emitted;

    /**
     * @param configured the format for lines without a header (CloudWatch Logs, Kafka); null means the
     *                   default v2 layout. A file's own header line always wins.
     */
    public FlowLogReader(FlowLogFormat configured) {
        this.configured = configured == null ? FlowLogFormat.DEFAULT : configured;
    }

    /** Reads one file or payload to its end. Closes nothing: the caller owns {@code in}. */
    public void read(String source, InputStream in, Handler handler) {
        open(source, in, handler);
        while (next()) {
            // every step hands its records and dead letters to the handler
        }
    }

    /**
     * Starts reading one file or payload; then call {@link #next()} until it returns false. This pull form
     * lets a streaming source read a file a little at a time. Closes nothing: the caller owns {@code in}.
     */
    public void open(String source, InputStream in, Handler handler) {
        endInflater();
        this.source = source;
        this.handler = handler;
        this.parser = null;
        this.readError = null;
        this.ended = false;
        this.gzip = false;
        this.body = null;
        this.cloudWatch = null;
        this.start = 0;
        this.limit = 0;
        this.scan = 0;
        this.lineNumber = 0;
        this.tooLong = null;
        this.done = false;
        try {
            byte[] magic = in.readNBytes(2);
            InputStream stream = new SequenceInputStream(new ByteArrayInputStream(magic), in);
            gzip = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
            if (gzip) {
                // Closing it must not close the caller's stream: only its inflater's native memory goes. The
                // buffer is for the gzip header, read a byte at a time (AWS's names the file); the inflater's reads
                // are larger and go past it.
                inflating = new GZIPInputStream(
                        new BufferedInputStream(stream, 512) {
                            @Override
                            public void close() {}
                        },
                        64 * 1024);
                stream = inflating;
            }
            limit = fill(stream, 0);
            int first = 0;
            while (first < limit && isWhitespace(buf[first])) {
                first++;
            }
            if (first < limit && buf[first] == '{' && readError == null) {
                // All of a small payload is in the buffer already, and its inflater ended.
                InputStream head = new ByteArrayInputStream(buf, 0, limit);
                cloudWatch = ended ? head : new SequenceInputStream(head, stream);
            } else {
                body = stream;
            }
        } catch (IOException e) {
            // The stream failed before any line: a corrupt gzip header, or a failed read of a payload.
            deadLetter(1, "", failure(e), "unreadable: " + message(e));
            done = true;
        }
    }

    /**
     * Reads on until at least one record or dead letter went to the handler (a CloudWatch Logs payload
     * goes at once), or the input ended.
     *
     * @return false once the input is done and everything in it was handed on
     */
    public boolean next() {
        if (done) {
            return false;
        }
        if (cloudWatch != null) {
            readCloudWatch(cloudWatch);
            endInflater();
            done = true;
            return true;
        }
        long before = emitted;
        while (emitted == before) {
            if (!step()) {
                done = true;
                return emitted != before;
            }
        }
        return true;
    }

    /** Handles one line, or reads more input; false when the input is exhausted. */
    private boolean step() {
        int nl = indexOfNewline(buf, scan, limit);
        if (nl >= 0) {
            lineNumber++;
            if (tooLong != null) {
                tooLong(lineNumber, tooLong);
                tooLong = null;
            } else if (nl - start > MAX_LINE_BYTES) {
                tooLong(lineNumber, new String(buf, start, MAX_LINE_BYTES, StandardCharsets.UTF_8));
            } else {
                line(buf, start, nl - start, lineNumber);
            }
            start = nl + 1;
            scan = start;
            return true;
        }
        if (ended) {
            if (readError != null) {
                // The last line may be cut anywhere: keep it whole as a dead letter, never parse it.
                String partial =
                        tooLong != null ? tooLong : new String(buf, start, limit - start, StandardCharsets.UTF_8);
                deadLetter(
                        lineNumber + 1,
                        partial,
                        failure(readError),
                        "the file ends unreadably after line " + lineNumber + ": " + message(readError));
            } else if (tooLong != null) {
                tooLong(lineNumber + 1, tooLong);
            } else if (limit - start > MAX_LINE_BYTES) {
                tooLong(lineNumber + 1, new String(buf, start, MAX_LINE_BYTES, StandardCharsets.UTF_8));
            } else if (start < limit) {
                line(buf, start, limit - start, lineNumber + 1);
            }
            return false;
        }
        if (tooLong == null && limit - start > MAX_LINE_BYTES) {
            tooLong = new String(buf, start, MAX_LINE_BYTES, StandardCharsets.UTF_8);
        }
        if (tooLong != null) {
            start = limit; // drop the rest of an over-long line as it streams past
        }
        // Keep the unfinished line and read more behind it.
        int keep = limit - start;
        System.arraycopy(buf, start, buf, 0, keep);
        start = 0;
        scan = keep;
        limit = fill(body, keep);
        return true;
    }

    /**
     * The position of the first '\n' in {@code b[from, to)}, or -1; eight bytes at a time (in
     * {@code (y - 0x01..) & ~y & 0x80..} with {@code y = x ^ 0x0A..} the lowest set bit marks the first newline).
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int p = from;
        while (p + 8 <= to) {
            long y = (long) LONGS.get(b, p) ^ 0x0A0A_0A0A_0A0A_0A0AL;
            long t = (y - 0x0101_0101_0101_0101L) & ~y & 0x8080_8080_8080_8080L;
            if (t != 0) {
                return p + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            p += 8;
        }
        for (; p < to; p++) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    private void tooLong(long lineNumber, String raw) {
        deadLetter(
                lineNumber,
                raw,
                DeadLetterReason.LINE_TOO_LONG,
                "longer than " + MAX_LINE_BYTES + " bytes; raw text cut there");
    }

    /**
     * Frees the native memory of the inflater this reader made (zlib's state and window, about 40 KiB) now. Left
     * to the garbage collector, a job reading thousands of small files held that much per file between
     * collections.
     */
    private void endInflater() {
        if (inflating != null) {
            try {
                inflating.close();
            } catch (IOException cannotHappen) {
                // Closes no stream: see where it is made.
            }
            inflating = null;
        }
    }

    /** Whether an inflater of this reader is still open: only while a gzip input is being read. */
    boolean holdsInflater() {
        return inflating != null;
    }

    /**
     * Reads into {@code buf[from..]} until it is full or the stream ends or fails; returns the new limit.
     * A failure is kept in {@link #readError} so the lines decoded before it are still handed on.
     */
    private int fill(InputStream in, int from) {
        int limit = from;
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    ended = true;
                    endInflater();
                    break;
                }
                limit += n;
            }
        } catch (IOException e) {
            readError = e;
            ended = true;
            endInflater();
        }
        return limit;
    }

    private void line(byte[] b, int off, int len, long lineNumber) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        int s = off;
        int end = off + len;
        while (s < end && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        if (s == end) {
            return; // blank
        }
        if (parser == null) {
            FlowLogFormat header = FlowLogFormat.fromHeader(b, off, len);
            useFormat(header != null ? header : configured);
            if (header != null) {
                return;
            }
        } else if (parser.format().isHeader(b, off, len)) {
            return; // the same header again, e.g. after concatenating files
        }
        DeadLetterReason reason = parser.parse(b, off, len, record);
        if (reason == null) {
            emitted++;
            handler.onRecord(record, lineNumber);
            return;
        }
        FlowLogFormat header = FlowLogFormat.fromHeader(b, off, len);
        if (header != null) {
            useFormat(header);
            return;
        }
        String detail = parser.describeFailure(reason, record);
        deadLetter(lineNumber, new String(b, off, len, StandardCharsets.UTF_8), reason, detail);
    }

    private void useFormat(FlowLogFormat format) {
        parser = parsers.computeIfAbsent(format, FlowLineParser::new);
        handler.onFormat(format);
    }

    /**
     * CloudWatch Logs subscription payloads: one or more JSON envelopes; each log event's message is a line. One
     * envelope is parsed at a time, so a bad one is one dead letter and the envelopes after it still read.
     */
    private void readCloudWatch(InputStream in) {
        useFormat(configured);
        JsonValueScanner envelopes = new JsonValueScanner(in, MAX_ENVELOPE_BYTES);
        long event = 0;
        while (true) {
            try {
                if (!envelopes.next()) {
                    return;
                }
            } catch (IOException e) {
                deadLetter(event + 1, "", failure(e), "unreadable: " + message(e));
                return;
            }
            String head = envelopes.tooLarge() || envelopes.length() > MAX_LINE_BYTES
                    ? new String(
                            envelopes.bytes(), 0, Math.min(envelopes.length(), MAX_LINE_BYTES), StandardCharsets.UTF_8)
                    : null;
            if (envelopes.tooLarge()) {
                deadLetter(
                        event + 1,
                        head,
                        DeadLetterReason.PAYLOAD_TOO_LARGE,
                        "a JSON envelope of " + envelopes.size() + " bytes, more than the " + MAX_ENVELOPE_BYTES
                                + " any CloudWatch Logs delivery holds; raw text cut at " + MAX_LINE_BYTES);
                continue;
            }
            JsonNode envelope;
            try {
                envelope = JSON.readTree(envelopes.bytes(), 0, envelopes.length());
            } catch (IOException e) {
                deadLetter(
                        event + 1,
                        head != null
                                ? head
                                : new String(envelopes.bytes(), 0, envelopes.length(), StandardCharsets.UTF_8),
                        DeadLetterReason.BAD_ENVELOPE,
                        "not a CloudWatch Logs JSON envelope: "
                                + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : message(e)));
                continue;
            }
            event = readEnvelope(envelope, event);
        }
    }

    /** Hands on the log events of one envelope; returns the number of the last event read. */
    private long readEnvelope(JsonNode envelope, long event) {
        if ("CONTROL_MESSAGE".equals(envelope.path("messageType").asText())) {
            return event;
        }
        JsonNode events = envelope.get("logEvents");
        if (events == null || !events.isArray()) {
            deadLetter(event + 1, cut(envelope.toString()), DeadLetterReason.BAD_ENVELOPE, "no logEvents array");
            return event;
        }
        for (JsonNode e : events) {
            event++;
            JsonNode message = e.get("message");
            if (message == null || !message.isTextual()) {
                deadLetter(event, cut(e.toString()), DeadLetterReason.BAD_ENVELOPE, "log event without a text message");
                continue;
            }
            byte[] line = message.asText().getBytes(StandardCharsets.UTF_8);
            if (line.length > MAX_LINE_BYTES) {
                tooLong(event, cut(message.asText()));
            } else {
                line(line, 0, line.length, event);
            }
        }
        return event;
    }

    private void deadLetter(long lineNumber, String raw, DeadLetterReason reason, String detail) {
        emitted++;
        handler.onDeadLetter(new DeadLetter(source, lineNumber, raw, reason, detail));
    }

    /** A gzip-format problem is the file's own fault; any other read error is the storage's or the network's. */
    private DeadLetterReason failure(IOException e) {
        boolean gzipFormat = e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException;
        return gzip && gzipFormat ? DeadLetterReason.BAD_GZIP : DeadLetterReason.IO_ERROR;
    }

    private static String cut(String s) {
        return s.length() <= MAX_LINE_BYTES ? s : s.substring(0, MAX_LINE_BYTES);
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
