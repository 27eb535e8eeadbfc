package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.PipelineConfig;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A partition waiting for the registry is paused for the retry interval, alone, then read again. */
class RegistryWaitTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);

    private final ManualClock clock = new ManualClock();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final PipelineConfig config = PipelineConfig.defaults();
    private final RegistryWait wait = new RegistryWait(Duration.ofSeconds(2), clock);
    private final IntakeValve valve = new IntakeValve(consumer, config, new Backlog(config, clock), paused -> { },
            wait);

    @Test
    void aHeldPartitionIsPausedUntilItsIntervalIsOverAndTheOthersReadOn() {
        consumer.assign(List.of(P0, P1));
        wait.hold(P0);
        valve.update(0, 0, 0);
        assertThat(wait.holds(P0)).isTrue();
        assertThat(consumer.paused()).containsExactly(P0);

        clock.advance(Duration.ofMillis(1_999));
        valve.update(0, 0, 0);
        assertThat(consumer.paused()).containsExactly(P0);

        clock.advance(Duration.ofMillis(1));
        valve.update(0, 0, 0);
        assertThat(consumer.paused()).isEmpty();
        assertThat(wait.holds(P0)).isFalse();
    }

    @Test
    void aPartitionGoneOrRewoundNoLongerWaits() {
        consumer.assign(List.of(P0, P1));
        wait.hold(P0);
        wait.hold(P1);
        valve.forget(List.of(P1));
        assertThat(wait.held()).containsExactly(P0);
    }
}
