package io.groupsync.dispatch;

/**
 * Where one vendor API's tokens come from: a bucket of this process's own ({@link LocalTokens}), or the bucket every
 * instance of the consumer group shares ({@link SharedTokens}). {@link ApiLimiter} adds the pauses and the slow-down
 * after throttling answers on top of either. Thread-safe: the pipeline thread reserves, OkHttp's threads take tokens
 * for unplanned requests.
 */
public interface TokenSource {

    /**
     * Takes the next token if it falls due within {@code horizonNanos}.
     *
     * @return how long until it falls due (0: now), or -1 if none was taken
     */
    long take(long horizonNanos);

    /** When a token could next be taken, on the clock's nanosecond scale (now, or later). */
    long nextDueNanos();

    /** When {@link #take} with this horizon is next worth calling; may be in the past (then: now). */
    default long nextTakeNanos(long horizonNanos) {
        return nextDueNanos() - horizonNanos;
    }

    /**
     * Spends {@code tokens} without a call, as debt: the rate given up to a throttling answer. A shared source spends
     * them from the shared bucket, so every instance slows down, not only the one that was told.
     */
    void charge(long tokens);

    /**
     * A throttling answer paused this API for {@code nanos} here; a shared source also holds the other instances back
     * for as long. A local source needs nothing: the limiter's own pause holds the calls.
     */
    default void paused(long nanos) {
    }

    /**
     * How long after its token fell due a call may still be written on it; a call written later takes a fresh token
     * first. A shared source's tokens are slots in the fleet's schedule, and a call held past its slot (a timer or a
     * thread scheduled late under load) would land on another instance's; on a local source the process's own
     * sliding log of writes already keeps such calls within the bucket's worst second, so it never expires.
     */
    default long lateNanos() {
        return Long.MAX_VALUE;
    }

    /** A call was written past {@link #lateNanos} after its token fell due, and takes a fresh one. */
    default void lateCall() {
    }

    /** The sustained rate this source grants, in tokens per second, fleet-wide for a shared source. */
    int refillPerSecond();
}
