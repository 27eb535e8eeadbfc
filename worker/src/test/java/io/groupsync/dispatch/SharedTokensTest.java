package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncVerboseBucket;
import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.time.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The sharing rules on a manual clock: the "Redis" bucket is a bucket4j bucket on the same clock, answering at once
 * (or failing, while {@link #redisDown} is set), so every instance's schedule can be replayed exactly.
 */
class SharedTokensTest {

    private static final long HORIZON = Duration.ofMillis(250).toNanos();
    private final ManualClock clock = new ManualClock();
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final AtomicInteger redisCalls = new AtomicInteger();
    private final AtomicInteger members = new AtomicInteger(2);
    private final SharedRateStatus status = new SharedRateStatus();
    /** Answers of a slow "Redis" and when each is due, for {@link #drain} to complete as the clock passes them. */
    private final List<SlowAnswer> slowAnswers = new ArrayList<>();
    private final SharedSchedule schedule = new SharedSchedule(new LocalTokens.ClockTimeMeter(clock), clock);

    @Test
    void twoInstancesOnOneBucketNeverExceedTheLimitInAnySlidingSecondAndUseIt() {
        AsyncBucketProxy shared = redis(200);
        List<ApiLimiter> fleet = List.of(instance(shared, 200), instance(shared, 200));
        List<Long> sends = drain(fleet, Duration.ofSeconds(20), Duration.ofMillis(1));
        assertThat(busiest(sends)).isLessThanOrEqualTo(200);
        assertThat(sends.size() / 20.0).as("calls per second, fleet-wide").isGreaterThanOrEqualTo(185);
        assertThat(redisCalls.get()).as("one round trip per batch, not per call")
                .isLessThan(sends.size() / 3);
    }

    @Test
    void aLoopThatComesBackLateWastesSomeTokensButNeverSendsThemLate() {
        AsyncBucketProxy shared = redis(200);
        List<ApiLimiter> fleet = List.of(instance(shared, 200), instance(shared, 200), instance(shared, 200));
        List<Long> sends = drain(fleet, Duration.ofSeconds(10), Duration.ofMillis(37));
        assertThat(busiest(sends)).isLessThanOrEqualTo(200);
    }

    @Test
    void aSlowRedisGetsBiggerBatchesSoOneInstanceStillUsesTheLimit() {
        AsyncBucketProxy slow = redis(bucket(200), Duration.ofMillis(40), Duration.ofMillis(20));
        List<Long> sends = drain(List.of(instance(slow, 200)), Duration.ofSeconds(10), Duration.ofMillis(1));
        assertThat(busiest(sends)).isLessThanOrEqualTo(200);
        assertThat(sends.size() / 10.0).as("calls per second with a 40 ms round trip").isGreaterThan(180);
    }

    @Test
    void tokensFallDueWhenTheBucketDecidedWhereverInTheRoundTripThatWas() {
        Bucket bucket = bucket(200);
        // One instance far from Redis whose reservations are decided late in their round trip (a swap retried
        // after a conflict), one close by: a guess from the request's or the answer's time misplaces the first's.
        List<ApiLimiter> fleet = List.of(
                instance(redis(bucket, Duration.ofMillis(200), Duration.ofMillis(150)), 200),
                instance(redis(bucket, Duration.ofMillis(2), Duration.ofMillis(1)), 200));
        List<Long> sends = drain(fleet, Duration.ofSeconds(20), Duration.ofMillis(1));
        assertThat(busiest(sends)).as("within the bucket's own worst second")
                .isLessThanOrEqualTo(BucketSizing.forLimit(200).worstSecond());
        assertThat(sends.size() / 20.0).as("calls per second, fleet-wide").isGreaterThanOrEqualTo(180);
    }

    @Test
    void aCallWrittenPastItsSlotInTheSharedScheduleNeedsAFreshTokenButALocalOneNever() {
        ApiLimiter shared = instance(redis(200), 200);
        long wait = shared.reserve(HORIZON);
        assertThat(wait).isGreaterThanOrEqualTo(0);
        long due = clock.nanoTime() + wait;
        long late = new SharedTokens("b", () -> null, 200, clock, schedule, members::get, status).lateNanos();
        clock.advance(Duration.ofNanos(wait + late));
        assertThat(shared.tooLateFor(due)).as("still within its slot").isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(shared.tooLateFor(due)).as("past it: it would land on another instance's").isTrue();
        ApiLimiter local = new ApiLimiter("api", 200, clock);
        clock.advance(Duration.ofSeconds(5));
        assertThat(local.tooLateFor(due)).as("the process's own sliding log bounds a local bucket's late calls")
                .isFalse();
    }

    @Test
    void batchesAreTwentyMillisecondsOfTheFleetsRate() {
        assertThat(new SharedTokens("b", () -> null, 200, clock, schedule, members::get, status).batch()).isEqualTo(4);
        assertThat(new SharedTokens("b", () -> null, 2_000, clock, schedule, members::get, status).batch()).isEqualTo(38);
        assertThat(new SharedTokens("b", () -> null, 10, clock, schedule, members::get, status).batch()).isEqualTo(1);
    }

    @Test
    void withRedisAwayEachInstanceTakesTheLimitDividedByTheLiveInstancesAfterAQuietSpell() {
        AsyncBucketProxy shared = redis(200);
        List<ApiLimiter> fleet = List.of(instance(shared, 200), instance(shared, 200));
        List<Long> before = drain(fleet, Duration.ofSeconds(3), Duration.ofMillis(1));
        redisDown.set(true);
        long down = clock.nanoTime();
        List<Long> during = drain(fleet, Duration.ofSeconds(12), Duration.ofMillis(1));
        assertThat(status.onLocalShare()).isTrue();
        assertThat(status.fallbacks()).as("counted once per bucket, however many take it").isEqualTo(1);
        long inHand = down + HORIZON + SharedTokens.LEAD.toNanos() + Duration.ofMillis(20).toNanos();
        assertThat(during).as("the shared tokens in hand, then quiet until they leave the sliding second")
                .allMatch(t -> t < inHand || t >= down + SharedTokens.FALLBACK_QUIET.toNanos());
        int share = BucketSizing.forLimit(100).refillPerSecond();
        assertThat(during.size() / 10.0).as("two shares of %d/s after the quiet spell", share)
                .isBetween(2 * share * 0.95, 2.0 * share + 5);
        redisDown.set(false);
        long back = clock.nanoTime();
        List<Long> after = drain(fleet, Duration.ofSeconds(6), Duration.ofMillis(1));
        assertThat(status.onLocalShare()).as("back on the shared bucket").isFalse();
        List<Long> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        assertThat(busiest(all)).as("not over the limit on the way out or back").isLessThanOrEqualTo(200);
        // Each instance back repays its share's last second and a second of the other's; then the whole limit.
        long late = after.stream().filter(t -> t >= back + Duration.ofSeconds(3).toNanos()
                && t < back + Duration.ofSeconds(6).toNanos()).count();
        assertThat(late / 3.0).as("the whole limit again").isGreaterThan(180);
    }

    @Test
    void theLocalShareFollowsTheMembersAsTheyComeAndGo() {
        members.set(4);
        AsyncBucketProxy shared = redis(200);
        ApiLimiter alone = instance(shared, 200);
        redisDown.set(true);
        drain(List.of(alone), SharedTokens.FALLBACK_QUIET.plusSeconds(1), Duration.ofMillis(1));
        int quarter = drain(List.of(alone), Duration.ofSeconds(4), Duration.ofMillis(1)).size();
        members.set(1);
        drain(List.of(alone), Duration.ofSeconds(1), Duration.ofMillis(1));
        int whole = drain(List.of(alone), Duration.ofSeconds(4), Duration.ofMillis(1)).size();
        assertThat(quarter / 4.0).isBetween(45.0, 52.0);
        assertThat(whole / 4.0).as("the survivor's share grows to the limit").isGreaterThan(185);
    }

    @Test
    void aThrottlingAnswerToOneInstanceHoldsTheWholeFleetBack() {
        AsyncBucketProxy shared = redis(200);
        ApiLimiter told = instance(shared, 200);
        ApiLimiter other = instance(shared, 200);
        drain(List.of(told, other), Duration.ofSeconds(2), Duration.ofMillis(1));
        told.throttled(Duration.ofSeconds(1), clock.nanoTime());
        List<Long> sendsOfOther = new ArrayList<>();
        long end = clock.nanoTime() + Duration.ofSeconds(1).toNanos();
        long pausedAt = clock.nanoTime();
        while (clock.nanoTime() < end) {
            for (long wait; (wait = other.reserve(HORIZON)) >= 0; ) {
                sendsOfOther.add(clock.nanoTime() + wait);
            }
            clock.advance(Duration.ofMillis(1));
        }
        long inPause = sendsOfOther.stream().filter(t -> t < pausedAt + Duration.ofMillis(900).toNanos()).count();
        assertThat(inPause).as("only the tokens it already held (a reservation horizon's worth)")
                .isLessThanOrEqualTo(200 * (HORIZON + SharedTokens.LEAD.toNanos()) / 1_000_000_000 + 8);
    }

    @Test
    void aSlowdownAfterRepeatedThrottlingSlowsEveryInstanceAndClimbsBack() {
        AsyncBucketProxy shared = redis(200);
        ApiLimiter told = instance(shared, 200);
        ApiLimiter other = instance(shared, 200);
        told.throttled(null, clock.nanoTime());
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE.plusMillis(100));
        told.throttled(null, clock.nanoTime());
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE);
        long start = clock.nanoTime();
        List<Long> sends = drain(List.of(told, other), Duration.ofSeconds(8), Duration.ofMillis(1));
        long[] perSecond = new long[7];
        for (long t : sends) {
            int second = (int) ((t - start) / 1_000_000_000L);
            if (second < perSecond.length) {
                perSecond[second]++;
            }
        }
        String seconds = java.util.Arrays.toString(perSecond);
        // The first second still holds the tokens the other instance had reserved ahead before the cut.
        assertThat(perSecond[1]).as("the fleet at about 60 %%: %s", seconds).isBetween(105L, 135L);
        for (int i = 2; i < perSecond.length; i++) {
            assertThat(perSecond[i]).as("climbing, never back down: %s", seconds).isGreaterThanOrEqualTo(perSecond[i - 1]);
        }
        assertThat(perSecond[6]).as("climbed back: %s", seconds).isGreaterThan(180L);
    }

    @Test
    void anInstanceBackOnTheBucketBesideOneStillOnItsShareStaysWithinTheLimitTogether() {
        AsyncBucketProxy shared = redis(200);
        AtomicBoolean secondAway = new AtomicBoolean();
        ApiLimiter first = instance(shared, 200);
        ApiLimiter second = new ApiLimiter("api", 200, new SharedTokens("acct api",
                () -> secondAway.get() ? null : shared, 200, clock, schedule, members::get, status), clock);
        List<ApiLimiter> fleet = List.of(first, second);
        List<Long> all = new ArrayList<>(drain(fleet, Duration.ofSeconds(2), Duration.ofMillis(1)));
        redisDown.set(true);
        secondAway.set(true);
        all.addAll(drain(fleet, Duration.ofSeconds(5), Duration.ofMillis(1)));
        // Redis is back, but the second instance's client reconnects 0.7 s later: each client keeps its own schedule.
        redisDown.set(false);
        all.addAll(drain(fleet, Duration.ofMillis(700), Duration.ofMillis(1)));
        secondAway.set(false);
        all.addAll(drain(fleet, Duration.ofSeconds(4), Duration.ofMillis(1)));
        assertThat(status.onLocalShare()).as("both back on the shared bucket").isFalse();
        assertThat(busiest(all)).as("the share still spent beside the bucket's full rate").isLessThanOrEqualTo(200);
    }

    /** Every instance reserves what it can every {@code step}, as the dispatcher does; returns the send times. */
    private List<Long> drain(List<ApiLimiter> fleet, Duration span, Duration step) {
        List<Long> sends = new ArrayList<>();
        long end = clock.nanoTime() + span.toNanos();
        while (clock.nanoTime() < end) {
            answerDue();
            for (ApiLimiter limiter : fleet) {
                for (long wait; (wait = limiter.reserve(HORIZON)) >= 0; ) {
                    sends.add(clock.nanoTime() + wait);
                }
            }
            clock.advance(step);
        }
        return sends;
    }

    private ApiLimiter instance(AsyncBucketProxy shared, int limit) {
        return new ApiLimiter("api", limit, new SharedTokens("acct api", () -> shared, limit, clock, schedule, members::get,
                status), clock);
    }

    /** A bucket4j bucket standing in for Redis: its answers come at once, or fail while Redis is "down". */
    private AsyncBucketProxy redis(int limit) {
        return redis(bucket(limit), Duration.ZERO, Duration.ZERO);
    }

    /** The bucket "Redis" keeps, on the manual clock. */
    private Bucket bucket(int limit) {
        BucketSizing sizing = BucketSizing.forLimit(limit);
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(sizing.capacity())
                        .refillGreedy(sizing.refillPerSecond(), Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new LocalTokens.ClockTimeMeter(clock)).build();
    }

    /**
     * One instance's connection to the bucket: a request is decided {@code decidedAfter} into its round trip, on the
     * clock of that moment, as bucket4j's compare-and-swap decides after it has read the bucket, and answered at the
     * end of the round trip.
     */
    private AsyncBucketProxy redis(Bucket bucket, Duration roundTrip, Duration decidedAfter) {
        AsyncVerboseBucket verbose = (AsyncVerboseBucket) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncVerboseBucket.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("consumeIgnoringRateLimits")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    redisCalls.incrementAndGet();
                    if (redisDown.get()) {
                        return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
                    }
                    long tokens = (Long) args[0];
                    if (roundTrip.isZero()) {
                        return CompletableFuture.completedFuture(bucket.asVerbose().consumeIgnoringRateLimits(tokens));
                    }
                    long requestedAt = clock.nanoTime();
                    CompletableFuture<VerboseResult<Long>> answer = new CompletableFuture<>();
                    slowAnswers.add(new SlowAnswer(requestedAt + decidedAfter.toNanos(),
                            requestedAt + roundTrip.toNanos(), () -> bucket.asVerbose().consumeIgnoringRateLimits(tokens),
                            answer));
                    return answer;
                });
        return (AsyncBucketProxy) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncBucketProxy.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("asVerbose")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return verbose;
                });
    }

    /** A reservation on its way: decided at {@code decideAt}, answered at {@code answerAt}. */
    private static final class SlowAnswer {
        final long decideAt;
        final long answerAt;
        final Supplier<VerboseResult<Long>> decide;
        final CompletableFuture<VerboseResult<Long>> answer;
        VerboseResult<Long> decided;

        SlowAnswer(long decideAt, long answerAt, Supplier<VerboseResult<Long>> decide,
                   CompletableFuture<VerboseResult<Long>> answer) {
            this.decideAt = decideAt;
            this.answerAt = answerAt;
            this.decide = decide;
            this.answer = answer;
        }
    }

    private void answerDue() {
        for (SlowAnswer slow : List.copyOf(slowAnswers)) {
            if (slow.decided == null && slow.decideAt <= clock.nanoTime()) {
                slow.decided = slow.decide.get();
            }
            if (slow.decided != null && slow.answerAt <= clock.nanoTime()) {
                slowAnswers.remove(slow);
                slow.answer.complete(slow.decided);
            }
        }
    }

    private static int busiest(List<Long> sends) {
        return CallLog.busiestSecond(sends.stream().mapToLong(Long::longValue).sorted().toArray());
    }
}
