package io.groupsync.dispatch;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.groupsync.time.Clock;
import java.time.Duration;

/**
 * The rate limit of one vendor API on one route: a bucket4j bucket sized by {@link BucketSizing}, plus the two
 * ways a vendor's throttling answer slows it down: a pause until its Retry-After has passed, and for a cool-down
 * period each call costs two tokens, halving the rate. Owned by the pipeline thread.
 */
public final class ApiLimiter {

    /** How long calls cost double after a throttling answer. */
    static final Duration SLOWDOWN = Duration.ofSeconds(5);
    /** Pause after a throttling answer that named no Retry-After. */
    static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);

    private final String api;
    private final int limit;
    private final Bucket bucket;
    private final Clock clock;
    private long pausedUntilNanos;
    private long slowUntilNanos;
    private long throttles;

    public ApiLimiter(String api, int limitPerSecond, Clock clock) {
        this.api = api;
        this.limit = limitPerSecond;
        this.clock = clock;
        BucketSizing sizing = BucketSizing.forLimit(limitPerSecond);
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(sizing.capacity())
                        .refillGreedy(sizing.refillPerSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    public String api() {
        return api;
    }

    public int limit() {
        return limit;
    }

    public long throttles() {
        return throttles;
    }

    /** Takes the token(s) for one call if they are there now. */
    public boolean tryAcquire() {
        long now = clock.nanoTime();
        if (now < pausedUntilNanos) {
            return false;
        }
        return bucket.tryConsume(now < slowUntilNanos ? 2 : 1);
    }

    /** When a call could next be admitted, on the clock's nanosecond scale. */
    public long nextAdmissionNanos() {
        long now = clock.nanoTime();
        if (now < pausedUntilNanos) {
            return pausedUntilNanos;
        }
        long wait = bucket.estimateAbilityToConsume(now < slowUntilNanos ? 2 : 1).getNanosToWaitForRefill();
        // bucket4j rounds the wait down: at exactly now + wait the token is a fraction short, so the loop would
        // wake one pass too early and spin. One nanosecond more is the first moment the token is really there.
        return wait == 0 ? now : now + wait + 1;
    }

    /** The vendor said "too many": stop until its Retry-After (or a default pause) and go at half rate for a while. */
    public void throttled(Duration retryAfter) {
        long now = clock.nanoTime();
        throttles++;
        Duration pause = retryAfter == null || retryAfter.isNegative() ? DEFAULT_THROTTLE_PAUSE : retryAfter;
        pausedUntilNanos = Math.max(pausedUntilNanos, now + pause.toNanos());
        slowUntilNanos = pausedUntilNanos + SLOWDOWN.toNanos();
    }

    /** bucket4j reads time through this, so tests that move a manual clock move the bucket too. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return clock.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
