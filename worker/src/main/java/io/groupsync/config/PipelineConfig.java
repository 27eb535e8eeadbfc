package io.groupsync.config;

import java.time.Duration;

/**
 * Pacing and memory bounds of intake → coalesce → record.
 *
 * @param commitInterval         how often outcomes and offsets are committed together
 * @param maxPendingKeys         pending (route, group, target) keys at which the consumer pauses
 * @param resumePendingKeys      pending keys below which it resumes; below {@code maxPendingKeys}
 * @param maxPendingRecords      unfinished consumed records at which the consumer pauses
 * @param settleTimeout          how long a revoke or shutdown waits for in-flight vendor calls
 * @param offsetMetadataMaxBytes commit metadata budget for events finished above the committed offset
 * @param backlogHold            the longest keys of a partition reading a backlog wait before their first call
 */
public record PipelineConfig(Duration commitInterval, int maxPendingKeys, int resumePendingKeys,
                             int maxPendingRecords, Duration settleTimeout, int offsetMetadataMaxBytes,
                             Duration backlogHold) {
}
