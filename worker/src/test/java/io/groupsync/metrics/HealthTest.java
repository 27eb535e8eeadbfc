package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.record.CommitCycle;
import io.groupsync.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes tell the truth: a stalled loop, failing commits or an ended pipeline are not live. */
class HealthTest {

    private static final Health.Limits LIMITS = new Health.Limits(Duration.ofSeconds(120), Duration.ofSeconds(300));

    private final ManualClock clock = new ManualClock();
    private final WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), clock, Duration.ofMinutes(1));
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Health health = metrics.health(LIMITS, running::get);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void aLoopThatGoesRoundIsLive() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(100));
            metrics.looped(0, 0, 0);
        }
        assertThat(health.live()).isTrue();
    }

    @Test
    void aLoopWithoutARoundForLongerThanTheLimitIsNotLiveUntilItGoesRoundAgain() {
        metrics.looped(0, 0, 0);
        clock.advance(Duration.ofSeconds(120));
        assertThat(health.live()).as("at the limit").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.live()).isFalse();

        metrics.looped(0, 0, 0);
        assertThat(health.live()).isTrue();
    }

    @Test
    void commitsFailingForLongerThanTheLimitAreNotLiveUntilOneGoesThrough() {
        metrics.commitFailed(CommitCycle.Failure.ABORTED);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(60));
            metrics.looped(0, 0, 0);
            metrics.commitFailed(CommitCycle.Failure.ABORTED);
        }
        assertThat(health.live()).as("failing for 360s").isFalse();

        metrics.committed(Duration.ofMillis(5));
        assertThat(health.live()).isTrue();
    }

    @Test
    void aFailedCommitNowAndThenStaysLive() {
        for (int i = 0; i < 10; i++) {
            metrics.commitFailed(CommitCycle.Failure.TIMED_OUT);
            clock.advance(Duration.ofSeconds(100));
            metrics.looped(0, 0, 0);
            metrics.committed(Duration.ofMillis(5));
        }
        assertThat(health.live()).isTrue();
    }

    @Test
    void anEndedPipelineIsNotLive() {
        running.set(false);
        assertThat(health.live()).isFalse();
        assertThat(health.ready()).isFalse();
    }

    @Test
    void readyWhenLiveAndOwningPartitions() {
        assertThat(health.ready()).as("no partitions yet").isFalse();
        metrics.assigned(List.of(new TopicPartition("in", 0)));
        assertThat(health.ready()).isTrue();
        clock.advance(Duration.ofSeconds(121));
        assertThat(health.ready()).as("stalled").isFalse();
    }

    @Test
    void notReadyWhileTheSchemaRegistryCannotBeAskedYetStillLive() {
        metrics.assigned(List.of(new TopicPartition("in", 0)));
        metrics.registryAvailable(false);
        assertThat(health.ready()).isFalse();
        assertThat(health.live()).as("a restart would not bring the registry back").isTrue();
        metrics.registryAvailable(true);
        assertThat(health.ready()).isTrue();
    }
}
