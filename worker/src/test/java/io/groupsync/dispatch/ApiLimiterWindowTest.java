package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The busiest-second metric reads the limiter's own log of what was written: the sliding second ending now. */
class ApiLimiterWindowTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void sentInLastSecondCountsTheWritesOfTheSlidingSecondEndingNow() throws InterruptedException {
        ApiLimiter limiter = new ApiLimiter("api", 200, clock);
        assertThat(limiter.sentInLastSecond()).isZero();
        limiter.awaitSend();
        limiter.awaitSend();
        clock.advance(Duration.ofMillis(500));
        limiter.awaitSend();
        assertThat(limiter.sentInLastSecond()).isEqualTo(3);
        clock.advance(Duration.ofMillis(700));
        limiter.awaitSend();
        assertThat(limiter.sentInLastSecond()).as("the first two are more than a second old").isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.sentInLastSecond()).isZero();
    }
}
