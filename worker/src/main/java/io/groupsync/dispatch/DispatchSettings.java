package io.groupsync.dispatch;

/**
 * How the dispatcher paces and retries, taken from the validated worker settings.
 *
 * @param maxInFlightPerRoute calls in flight at once on one route
 * @param maxAttempts         sends of one dispatch before its events are dead-lettered as retries exhausted
 * @param backoff             the wait between a transient failure and the retry
 */
public record DispatchSettings(int maxInFlightPerRoute, int maxAttempts, Backoff backoff) {
}
