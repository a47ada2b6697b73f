package io.vpcflow.format.parquet;

import java.io.IOException;

/**
 * A read the storage could not serve (a dropped connection, a 5xx): thrown by the {@code InputFile}s of the
 * sources, so that {@link ParquetFlowReader} tells it (an {@code io_error}, read again later) from bytes that arrived
 * but do not decode (a {@code bad_parquet}, the file's own fault).
 */
public final class StorageReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public StorageReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
