package io.vpcflow.stats;

/**
 * Tumbling-window arithmetic. A window is placed by a record's <em>window time</em> ({@code FlowRow#windowTime()}:
 * the end of its capture, else its start), not by its ownership time (the start, at which its owners are looked up).
 */
public final class Windows {
    private Windows() {}

    /** The start of the window of {@code windowSeconds} that holds {@code eventSeconds}. */
    public static long windowStart(long eventSeconds, long windowSeconds) {
        return Math.floorDiv(eventSeconds, windowSeconds) * windowSeconds;
    }
}
