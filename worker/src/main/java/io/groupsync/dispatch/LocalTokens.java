package io.groupsync.dispatch;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.groupsync.time.Clock;
import java.time.Duration;

/**
 * A bucket4j bucket of this process alone, sized by {@link BucketSizing}: the tokens of a single instance (the
 * default store), and of a shared API's local share while Redis is away.
 */
public final class LocalTokens implements TokenSource {

    private final Bucket bucket;
    private final Clock clock;
    private final BucketSizing sizing;

    public LocalTokens(int limitPerSecond, Clock clock) {
        this.clock = clock;
        this.sizing = BucketSizing.forLimit(limitPerSecond);
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(sizing.capacity())
                        .refillGreedy(sizing.refillPerSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    public BucketSizing sizing() {
        return sizing;
    }

    @Override
    public int refillPerSecond() {
        return sizing.refillPerSecond();
    }

    @Override
    public long take(long horizonNanos) {
        long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (wait == 0) {
            return bucket.tryConsume(1) ? 0 : -1;
        }
        if (wait > horizonNanos) {
            return -1;
        }
        // Takes the token now, leaving the bucket in debt; the call may go when the debt is repaid (plus bucket4j's
        // rounding, see nextDueNanos).
        return bucket.consumeIgnoringRateLimits(1) + 1;
    }

    @Override
    public long nextDueNanos() {
        long now = clock.nanoTime();
        long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        // bucket4j rounds the wait down: at exactly now + wait the token is a fraction short, so the loop would wake
        // one pass too early and spin. One nanosecond more is the first moment the token is really there.
        return wait == 0 ? now : now + wait + 1;
    }

    @Override
    public void charge(long tokens) {
        if (tokens > 0) {
            bucket.consumeIgnoringRateLimits(tokens);
        }
    }

    /** bucket4j reads time through this, so tests that move a manual clock move the bucket too. */
    record ClockTimeMeter(Clock clock) implements TimeMeter {

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
