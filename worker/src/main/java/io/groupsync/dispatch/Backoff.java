package io.groupsync.dispatch;

import io.groupsync.config.DispatchConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for one key's retries: the n-th retry waits between half and all of
 * {@code initial * 2^(n-1)}, capped at {@code max}. The jitter keeps keys that failed together from
 * retrying together.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The backoff the config's initial and max backoff describe, jittered by {@code random}. */
    public static Backoff of(DispatchConfig config, DoubleSupplier random) {
        return new Backoff(config.initialBackoff(), config.maxBackoff(), random);
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        double ceiling = Math.min(max.toNanos(), initial.toNanos() * Math.pow(2, Math.max(attempt - 1, 0)));
        return Duration.ofNanos((long) (ceiling * (0.5 + 0.5 * random.getAsDouble())));
    }
}
