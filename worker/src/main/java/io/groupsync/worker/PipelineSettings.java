package io.groupsync.worker;

import java.time.Duration;

/**
 * How the pipeline loop behaves, taken from the validated worker settings.
 *
 * @param commitInterval     how often outcomes and offsets are committed together
 * @param maxPendingKeys     past this many pending keys intake pauses ...
 * @param resumePendingKeys  ... and resumes at or below this many
 * @param maxPendingRecords  past this many consumed records without a committed outcome intake pauses too
 *                           (it resumes below 80 % of it)
 * @param settleTimeout      how long a revocation or a shutdown waits for calls in flight before giving them up
 * @param metadataMaxChars   the broker's {@code offset.metadata.max.bytes}, the budget of the finished-offsets map
 * @param backlogHold        the longest keys of a partition reading a backlog wait before their first call
 *                           ({@link io.groupsync.intake.Backlog}); zero never holds them
 */
public record PipelineSettings(Duration commitInterval, int maxPendingKeys,
                               int resumePendingKeys, int maxPendingRecords, Duration settleTimeout,
                               int metadataMaxChars, Duration backlogHold) {
}
