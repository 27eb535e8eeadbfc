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
    void aThrottlingAnswerStopsCallsUntilRetryAfterThenTheFullRateResumes() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        backlog(limiter, Duration.ofSeconds(1), Duration.ofMillis(1));
        limiter.throttled(Duration.ofSeconds(2), clock.nanoTime());
        assertThat(limiter.reserve(0) == 0).isFalse();
        assertThat(limiter.nextAdmissionNanos()).isEqualTo(clock.nanoTime() + Duration.ofSeconds(2).toNanos());
        clock.advance(Duration.ofMillis(1_999));
        assertThat(limiter.reserve(0) == 0).isFalse();
        clock.advance(Duration.ofMillis(1));
        List<Long> after = backlog(limiter, Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(after.size() / 2.0).as("full rate at once").isGreaterThan(185.0);
        assertThat(limiter.throttles()).isEqualTo(1);
    }

    @Test
    void withoutRetryAfterAThrottlingAnswerPausesBriefly() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        limiter.throttled(null, clock.nanoTime());
        assertThat(limiter.nextAdmissionNanos())
                .isEqualTo(clock.nanoTime() + ApiLimiter.DEFAULT_THROTTLE_PAUSE.toNanos());
    }

    @Test
    void answersArrivingDuringThePauseAreTheSameIncidentAndDoNotSlowTheRate() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        long sentBefore = throttledForACallSentJustBefore(limiter);
        clock.advance(Duration.ofMillis(100));
        limiter.throttled(null, sentBefore);
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE);
        List<Long> after = backlog(limiter, Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(after.size() / 2.0).as("full rate").isGreaterThan(185.0);
        assertThat(limiter.throttles()).isEqualTo(2);
    }

    @Test
    void answersToCallsSentBeforeThePauseAreTheSameIncidentHoweverLateTheyAreActedOn() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        long sentBefore = throttledForACallSentJustBefore(limiter);
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE.plusMillis(400));
        limiter.throttled(null, sentBefore);
        assertThat(limiter.isPaused()).as("no new pause").isFalse();
        List<Long> after = backlog(limiter, Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(after.size() / 2.0).as("full rate, not halved").isGreaterThan(185.0);
        assertThat(limiter.throttles()).isEqualTo(2);
    }

    @Test
    void throttlingAgainSoonAfterAPauseHalvesTheRateWhichThenClimbsBackGradually() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        limiter.throttled(null, clock.nanoTime());
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE.plusMillis(500));
        limiter.throttled(null, clock.nanoTime());
        clock.advance(ApiLimiter.DEFAULT_THROTTLE_PAUSE);
        List<Integer> perSecond = new ArrayList<>();
        for (int second = 0; second < 7; second++) {
            perSecond.add(backlog(limiter, Duration.ofSeconds(1), Duration.ofMillis(1)).size());
        }
        assertThat(perSecond.get(0)).as("about half in the first second, %s", perSecond).isBetween(95, 120);
        for (int i = 1; i < perSecond.size(); i++) {
            assertThat(perSecond.get(i)).as("never falls back while climbing: %s", perSecond)
                    .isGreaterThanOrEqualTo(perSecond.get(i - 1) - 2);
        }
        assertThat(perSecond.get(3)).as("part way up: %s", perSecond).isBetween(140, 180);
        assertThat(perSecond.get(6)).as("full rate again: %s", perSecond).isGreaterThan(185);
    }

    @Test
    void aRepeatWhileClimbingHalvesWhatTheRateHasClimbedTo() {
        Slowdown slowdown = new Slowdown();
        slowdown.cut(0, 0);
        long twoSeconds = Duration.ofSeconds(2).toNanos();
        assertThat(slowdown.share(twoSeconds)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        slowdown.cut(twoSeconds, twoSeconds);
        assertThat(slowdown.share(twoSeconds)).isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < 5; i++) {
            slowdown.cut(twoSeconds, twoSeconds);
        }
        assertThat(slowdown.share(twoSeconds)).as("floor").isEqualTo(Slowdown.FLOOR);
    }

    @Test
    void reservingAheadKeepsTheBoundAndTheUseThroughLoopStalls() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        long horizon = Duration.ofMillis(250).toNanos();
        List<Long> sendTimes = new ArrayList<>();
        long end = clock.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (clock.nanoTime() < end) {
            long wait;
            while ((wait = limiter.reserve(horizon)) >= 0) {
                sendTimes.add(clock.nanoTime() + wait);
            }
            // A loop that only comes back every 120 ms, busy with commits and intake in between.
            clock.advance(Duration.ofMillis(120));
        }
        long[] times = sendTimes.stream().mapToLong(Long::longValue).toArray();
        assertThat(CallLog.busiestSecond(times)).isLessThanOrEqualTo(200);
        assertThat(sendTimes.size() / 20.0).as("calls per second").isGreaterThanOrEqualTo(190);
    }

    @Test
    void withoutReservationsTheSameStallsWasteTheLimit() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        List<Long> admitted = backlog(limiter, Duration.ofSeconds(20), Duration.ofMillis(120));
        assertThat(admitted.size() / 20.0).as("calls per second").isLessThan(30);
    }

    @Test
    void sendsThatATimerReleasesLateAndTogetherAreHeldToTheWorstSecond() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        int worst = BucketSizing.forLimit(200).worstSecond();
        int admitted = 0;
        for (int i = 0; i < 300; i++) {
            if (limiter.admitSend() == 0) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(worst);
        long hold = limiter.admitSend();
        assertThat(hold).isEqualTo(Duration.ofSeconds(1).toNanos());
        clock.advance(Duration.ofNanos(hold));
        assertThat(limiter.admitSend()).isZero();
    }

    @Test
    void aRequestWaitingToBeWrittenWaitsExactlyUntilTheOldestSendOfTheLastSecondAgesOut() throws Exception {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        int worst = BucketSizing.forLimit(200).worstSecond();
        for (int i = 0; i < worst; i++) {
            limiter.awaitSend();
            clock.advance(Duration.ofMillis(1));
        }
        long firstSend = 0;
        limiter.awaitSend();
        assertThat(clock.nanoTime()).as("the manual clock moves by the time slept")
                .isEqualTo(firstSend + Duration.ofSeconds(1).toNanos());
    }

    @Test
    void nothingIsReservedWhileAThrottlingPauseLasts() {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        limiter.throttled(Duration.ofSeconds(1), clock.nanoTime());
        assertThat(limiter.reserve(Duration.ofSeconds(5).toNanos())).isEqualTo(-1);
        assertThat(limiter.isPaused()).isTrue();
        assertThat(limiter.nextReservationNanos(Duration.ofSeconds(5).toNanos()))
                .isEqualTo(clock.nanoTime() + Duration.ofSeconds(1).toNanos());
    }

    /** Tries a call every {@code step} for {@code span}, as a loop under a backlog would; returns admission times. */
    private List<Long> backlog(ApiLimiter limiter, Duration span, Duration step) {
        List<Long> admitted = new ArrayList<>();
        long end = clock.nanoTime() + span.toNanos();
        while (clock.nanoTime() < end) {
            while (limiter.reserve(0) == 0) {
                admitted.add(clock.nanoTime());
            }
            clock.advance(step);
        }
        return admitted;
    }

    /** A throttling answer, read now, to a call sent 5 ms ago: the pause begins now. When that call was sent. */
    private long throttledForACallSentJustBefore(ApiLimiter limiter) {
        long sent = clock.nanoTime();
        clock.advance(Duration.ofMillis(5));
        limiter.throttled(null, sent);
        return sent;
    }
}
