package io.groupsync.dispatch;

import io.groupsync.coalesce.Coalescer;
import java.util.function.Consumer;

/**
 * What every route's dispatcher is connected to, the same for all routes of a worker.
 *
 * @param coalescer   numbers the dispatches and forgets keys that have nothing left to do
 * @param hold        which partitions' keys wait before their first call
 * @param sink        where finished dispatches hand their events' outcomes
 * @param completions takes the vendors' answers, on any thread, to the pipeline thread
 * @param timer       sends calls whose tokens were reserved ahead when they fall due
 * @param metrics     told of every request sent and answered
 */
public record DispatchWiring(Coalescer coalescer, PartitionHold hold, OutcomeSink sink,
                             Consumer<Completion> completions, DispatchTimer timer, DispatchMetrics metrics) {
}
