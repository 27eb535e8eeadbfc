package io.groupsync.worker;

import io.groupsync.intake.FlowSettings;
import java.time.Duration;

/**
 * How the pipeline loop behaves, taken from the validated worker settings.
 *
 * @param commitInterval   how often outcomes and offsets are committed together
 * @param settleTimeout    how long a revocation or a shutdown waits for calls in flight before giving them up
 * @param metadataMaxChars the broker's {@code offset.metadata.max.bytes}, the budget of the finished-offsets map
 * @param flow             how far intake reads ahead: the caps on pending work and the backlog hold
 */
public record PipelineSettings(Duration commitInterval, Duration settleTimeout, int metadataMaxChars,
                               FlowSettings flow) {
}
