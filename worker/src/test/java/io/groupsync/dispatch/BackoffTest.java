package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleWithinJitterAndStopAtTheCap() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 1.0);
        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
        assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(bottom.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(top.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(top.delay(20)).isEqualTo(Duration.ofSeconds(5));
        assertThat(top.delay(10_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(bottom.delay(20)).isEqualTo(Duration.ofMillis(2_500));
    }
}
