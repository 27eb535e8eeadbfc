package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiLimiterTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void underABacklogNoSlidingSecondExceedsTheLimitAndTheLimitIsWellUsed() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        List<Long> admitted = backlog(limiter, Duration.ofSeconds(20), Duration.ofMillis(1));
        int busiest = CallLog.busiestSecond(admitted.stream().mapToLong(Long::longValue).toArray());
        assertThat(busiest).isLessThanOrEqualTo(200);
        assertThat(admitted.size() / 20.0).as("calls per second").isGreaterThanOrEqualTo(190);
    }

    @Test
    void theLimitHoldsWhateverTheGranularityOfTheLoop() {
        for (Duration step : List.of(Duration.ofNanos(137_000), Duration.ofMillis(3), Duration.ofMillis(50))) {
            ApiLimiter limiter = new ApiLimiter("api", 100, clock);
            List<Long> admitted = backlog(limiter, Duration.ofSeconds(10), step);
            assertThat(CallLog.busiestSecond(admitted.stream().mapToLong(Long::longValue).toArray()))
                    .as("step %s", step).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void aThrottlingAnswerStopsCallsUntilRetryAfterThenHalvesTheRate() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        backlog(limiter, Duration.ofSeconds(1), Duration.ofMillis(1));
        limiter.throttled(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.nextAdmissionNanos()).isEqualTo(clock.nanoTime() + Duration.ofSeconds(2).toNanos());
        clock.advance(Duration.ofMillis(1_999));
        assertThat(limiter.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(1));
        List<Long> slowed = backlog(limiter, Duration.ofSeconds(4), Duration.ofMillis(1));
        assertThat(slowed.size() / 4.0).as("half rate while slowed").isBetween(90.0, 105.0);
        assertThat(limiter.throttles()).isEqualTo(1);
    }

    /** Tries a call every {@code step} for {@code span}, as a loop under a backlog would; returns admission times. */
    private List<Long> backlog(ApiLimiter limiter, Duration span, Duration step) {
        List<Long> admitted = new ArrayList<>();
        long end = clock.nanoTime() + span.toNanos();
        while (clock.nanoTime() < end) {
            while (limiter.tryAcquire()) {
                admitted.add(clock.nanoTime());
            }
            clock.advance(step);
        }
        return admitted;
    }
}
