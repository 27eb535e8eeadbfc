package io.groupsync.config;

import java.time.Duration;

/** How vendor calls are paced and retried, handed whole to each route's dispatcher. */
public record DispatchConfig(
        @Setting(byDefault = "64", min = "1", doc = "Vendor calls in flight at once on one route.")
        int maxInFlightPerRoute,
        @Setting(byDefault = "10", min = "1",
                doc = "Sends of one request before its events are dead-lettered as retries exhausted.")
        int maxAttempts,
        @Setting(byDefault = "200ms", positive = true,
                doc = "Wait before the first retry; each later retry doubles it, with jitter.")
        Duration initialBackoff,
        @Setting(byDefault = "30s", positive = true,
                doc = "Longest wait between retries. At least dispatch.initial-backoff.")
        Duration maxBackoff) {

    public DispatchConfig {
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(backoffProblem(initialBackoff, maxBackoff));
        }
    }

    public static DispatchConfig defaults() {
        return ConfigLoader.defaults(DispatchConfig.class, DispatchConfig::complete);
    }

    public DispatchConfig withMaxInFlightPerRoute(int value) {
        return new DispatchConfig(value, maxAttempts, initialBackoff, maxBackoff);
    }

    public DispatchConfig withMaxAttempts(int value) {
        return new DispatchConfig(maxInFlightPerRoute, value, initialBackoff, maxBackoff);
    }

    /** Both bounds at once: the longest wait must stay at least the first whatever order they are changed in. */
    public DispatchConfig withBackoff(Duration initial, Duration max) {
        return new DispatchConfig(maxInFlightPerRoute, maxAttempts, initial, max);
    }

    static void complete(Section s) {
        Duration initial = s.get("initial-backoff");
        Duration max = s.get("max-backoff");
        if (s.clean() && max.compareTo(initial) < 0) {
            s.problem("max-backoff", "must be at least dispatch.initial-backoff" + s.show("initial-backoff", " (%s)")
                    + s.show("max-backoff", ", got %s"));
        }
    }

    private static String backoffProblem(Duration initial, Duration max) {
        return "must be at least dispatch.initial-backoff (" + ValueTypes.formatDuration(initial) + "), got "
                + ValueTypes.formatDuration(max);
    }
}
