package io.groupsync.config;

import java.time.Duration;

/**
 * How vendor calls are paced and retried.
 *
 * @param maxInFlightPerRoute calls in flight at once on one route
 * @param maxAttempts         sends of one request before its events are dead-lettered as retries exhausted
 * @param initialBackoff      wait before the first retry, doubled for each later one
 * @param maxBackoff          longest wait between retries; at least {@code initialBackoff}
 */
public record DispatchConfig(int maxInFlightPerRoute, int maxAttempts, Duration initialBackoff,
                             Duration maxBackoff) {
}
