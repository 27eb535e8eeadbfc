package io.groupsync.dispatch;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.groupsync.time.Clock;
import java.time.Duration;

/**
 * The schedule the fleet's shared bucket keeps, and where a reservation's tokens fall due in it on this process's
 * clock.
 *
 * <p>bucket4j's compare-and-swap proxy decides a reservation on its clock's reading after it has read the bucket
 * (again on each retry), somewhere inside the round trip, and counts the wait from then: neither the request's time
 * nor the answer's says when. Its verbose answer carries that reading, so the last token falls due at that moment
 * plus the wait, converted from the bucket's clock to this one. Every instance's reading lies after the bucket's
 * last write (a write in between fails the swap), so on clocks that agree the answer is exact.
 */
public final class SharedSchedule {

    private final TimeMeter bucketClock;
    private final Clock clock;

    /** @param bucketClock the clock the shared buckets' proxy manager reads; shared by every instance's */
    public SharedSchedule(TimeMeter bucketClock, Clock clock) {
        this.bucketClock = bucketClock;
        this.clock = clock;
    }

    /** The shared bucket's configuration, the same for every instance: as {@link LocalTokens} sizes one. */
    public static BucketConfiguration configuration(int limit) {
        BucketSizing sizing = BucketSizing.forLimit(limit);
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(sizing.capacity())
                .refillGreedy(sizing.refillPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    /** When the last token of a reservation answered with {@code answer} falls due, on this process's clock. */
    long lastDue(VerboseResult<Long> answer) {
        long offset = bucketClock.currentTimeNanos() - clock.nanoTime();
        return answer.getOperationTimeNanos() - offset + answer.getValue();
    }
}
