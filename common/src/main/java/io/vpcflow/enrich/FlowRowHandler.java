package io.vpcflow.enrich;

import io.vpcflow.flowlog.FlowLogReader;

/**
 * A handler that takes records as rows a columnar reader filled itself, a column at a time ({@link FlowRow#fill}),
 * instead of a record at a time: no record is made to be copied into a row. A reader that cannot (text, a format
 * with fields no member holds) calls {@link #onRecord} as for any handler.
 */
public interface FlowRowHandler extends FlowLogReader.Handler {
    /**
     * A record, as a row that is the handler's now.
     *
     * @return the row the reader fills in its place next: the same one once the handler is done with it, else
     *     another
     */
    FlowRow onRow(FlowRow row, long lineNumber);
}
