package io.vpcflow.flowlog;

/** Why a line (or a piece of a file) is not a record. A small fixed set, so it can be counted and queried. */
public enum DeadLetterReason {
    /** More or fewer fields than the format names. */
    WRONG_FIELD_COUNT("wrong_field_count"),
    /** A number field holds something else, a negative number, or a number too large for its type. */
    BAD_NUMBER("bad_number"),
    /** An address field holds neither an IPv4 nor an IPv6 address. */
    BAD_ADDRESS("bad_address"),
    /** {@code action} or {@code log-status} holds a value AWS does not write. */
    BAD_VALUE("bad_value"),
    /** The line holds control characters: binary data, not text. */
    BINARY("binary"),
    /** The line is longer than any record can be; its raw text is cut at the limit. */
    LINE_TOO_LONG("line_too_long"),
    /** The gzip stream is truncated or corrupt; the raw text is what was decoded of the last line. */
    BAD_GZIP("bad_gzip"),
    /** A CloudWatch Logs subscription payload that is not the expected JSON. */
    BAD_ENVELOPE("bad_envelope"),
    /** A CloudWatch Logs envelope larger than any delivery holds (a decompression bomb, or not an envelope). */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** A link to nothing, a loop of links, a FIFO, socket or device in the input: never opened. */
    NOT_A_FILE("not_a_file"),
    /**
     * A Parquet file, or the part of one from a row group on, that cannot be read (a truncated or corrupt file, a
     * page that does not decode) or that holds no flow-log columns; the detail names the file's row group.
     */
    BAD_PARQUET("bad_parquet"),
    /** A row of a Security Lake (OCSF) table that is not a VPC flow record: another event class or product. */
    NOT_A_FLOW_RECORD("not_a_flow_record"),
    /** The file could not be read to its end. */
    IO_ERROR("io_error");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    /** The snake_case name written to the dead-letter table and shown to users. */
    public String code() {
        return code;
    }
}
