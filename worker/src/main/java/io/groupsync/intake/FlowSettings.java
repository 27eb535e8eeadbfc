package io.groupsync.intake;

import java.time.Duration;

/**
 * How much intake reads ahead of the vendors: the caps on pending work at which the consumer pauses, and how long
 * a partition reading a backlog holds its keys.
 *
 * @param maxPendingKeys    past this many pending keys intake pauses ...
 * @param resumePendingKeys ... and resumes at or below this many
 * @param maxPendingRecords past this many consumed records without a committed outcome intake pauses too (it
 *                          resumes below 80 % of it)
 * @param backlogHold       the longest keys of a partition reading a backlog wait before their first call
 *                          ({@link Backlog}); zero never holds them
 */
public record FlowSettings(int maxPendingKeys, int resumePendingKeys, int maxPendingRecords, Duration backlogHold) {
}
