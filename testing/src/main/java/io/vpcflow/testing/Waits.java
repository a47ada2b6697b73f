package io.vpcflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Waiting for a streaming job's output: a count read with DuckDB, polled until it reaches what is expected
 * or a generous deadline passes (output appears when checkpoints commit it, not at a known time).
 */
public final class Waits {
    private Waits() {}

    /** A count from DuckDB; 0 while the files it reads do not exist yet. A fresh statement each time. */
    public static long count(Connection db, String sql) {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noFilesYet) {
            return 0;
        }
    }

    /** Waits up to {@code limit} until the value reaches {@code expected}. */
    public static void awaitAtLeast(LongSupplier value, long expected, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (value.getAsLong() < expected) {
            assertThat(System.nanoTime()).as("waiting for %d", expected).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** Waits up to {@code limit} until the value falls to {@code expected}. */
    public static void awaitAtMost(LongSupplier value, long expected, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (value.getAsLong() > expected) {
            assertThat(System.nanoTime()).as("waiting for %d", expected).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
