package io.groupsync.dispatch;

import io.groupsync.coalesce.Coalescer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every route's dispatcher is connected to, the same for all routes of a worker.
 *
 * @param coalescer    numbers the dispatches and forgets keys that have nothing left to do
 * @param hold         which partitions' keys wait before their first call
 * @param sink         where finished dispatches hand their events' outcomes
 * @param completions  takes the vendors' answers, on any thread, to the pipeline thread
 * @param timer        sends calls whose tokens were reserved ahead when they fall due
 * @param reserveAhead how far ahead tokens are reserved for the timer to send; longer than the loop's longest
 *                     stall, short enough that little coalescing is lost (0: no reservations)
 * @param backoff      the wait between a transient failure and the retry, one jitter source for all routes
 * @param metrics      told of every request sent and answered
 */
public record DispatchWiring(Coalescer coalescer, PartitionHold hold, OutcomeSink sink,
                             Consumer<Completion> completions, DispatchTimer timer, Duration reserveAhead,
                             Backoff backoff, DispatchMetrics metrics) {

    /**
     * The reserve-ahead a worker runs with, not a user setting: covers a commit or a burst of intake with room to
     * spare, at the cost of a quarter second of coalescing. Tests set other values to see reservations at work.
     */
    public static final Duration DEFAULT_RESERVE_AHEAD = Duration.ofMillis(250);
}
