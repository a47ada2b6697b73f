package io.vpcflow.flowlog;

import java.util.Objects;

/**
 * A line that is not a record, kept whole so nothing is lost: where it came from, its raw text and why.
 *
 * @param source     the file path, object key or topic/partition the line came from
 * @param lineNumber the 1-based line (or CloudWatch log event) number within the source
 * @param raw        the raw text, decoded as UTF-8 with replacement characters
 * @param reason     why it is not a record
 * @param detail     a short human explanation, e.g. which field failed
 */
public record DeadLetter(String source, long lineNumber, String raw, DeadLetterReason reason, String detail) {
    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
