package io.groupsync.dispatch;

import java.time.Duration;

/**
 * How the dispatcher paces and retries, taken from the validated worker settings.
 *
 * @param maxInFlightPerRoute calls in flight at once on one route, counting those reserved and waiting to go
 * @param maxAttempts         sends of one dispatch before its events are dead-lettered as retries exhausted
 * @param backoff             the wait between a transient failure and the retry
 * @param reserveAhead        how far ahead tokens are reserved, sent by a timer when they fall due; longer than the
 *                            loop's longest stall, short enough that little coalescing is lost (0: no reservations)
 */
public record DispatchSettings(int maxInFlightPerRoute, int maxAttempts, Backoff backoff, Duration reserveAhead) {

    /** Covers a commit or a burst of intake with room to spare, at the cost of a quarter second of coalescing. */
    public static final Duration DEFAULT_RESERVE_AHEAD = Duration.ofMillis(250);
}
