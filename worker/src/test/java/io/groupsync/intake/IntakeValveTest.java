package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.PipelineConfig;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class IntakeValveTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);
    private static final TopicPartition P2 = new TopicPartition("in", 2);

    private final ManualClock clock = new ManualClock();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    /** Caps: 10 keys (resume at 8), 100 records (resume at 80). */
    private final PipelineConfig config = PipelineConfig.defaults().withPendingKeys(10, 8).withMaxPendingRecords(100)
            .withBacklogHold(Duration.ofSeconds(30));
    private final Backlog backlog = new Backlog(config, clock);
    private final List<Boolean> told = new ArrayList<>();
    private final IntakeValve valve = new IntakeValve(consumer, config, backlog, told::add);

    @Test
    void intakePausesAtEitherCapAndResumesOnlyBelowBothResumeMarks() {
        consumer.assign(List.of(P0, P1));
        valve.update(9, 99, 0);
        assertThat(consumer.paused()).isEmpty();

        valve.update(3, 100, 0);
        assertThat(consumer.paused()).as("the records cap").containsExactlyInAnyOrder(P0, P1);
        valve.update(9, 50, 0);
        assertThat(consumer.paused()).as("keys not yet down to their resume mark").hasSize(2);
        valve.update(8, 81, 0);
        assertThat(consumer.paused()).as("records not yet down to four fifths").hasSize(2);
        valve.update(8, 80, 0);
        assertThat(consumer.paused()).isEmpty();

        valve.update(10, 0, 0);
        assertThat(consumer.paused()).as("the keys cap").hasSize(2);
        assertThat(told).containsExactly(true, false, true);
    }

    @Test
    void intakePausesAtTheBytesCapAndResumesBelowFourFifthsOfIt() {
        PipelineConfig small = config.withMaxPendingBytes(1_000_000);
        IntakeValve bytes = new IntakeValve(consumer, small, backlog, told::add);
        consumer.assign(List.of(P0, P1));
        bytes.update(1, 1, 999_999);
        assertThat(consumer.paused()).isEmpty();
        bytes.update(1, 1, 1_000_000);
        assertThat(consumer.paused()).as("a few large records, far below the other caps").hasSize(2);
        bytes.update(0, 0, 800_001);
        assertThat(consumer.paused()).as("bytes not yet down to four fifths").hasSize(2);
        bytes.update(0, 0, 800_000);
        assertThat(consumer.paused()).isEmpty();
        assertThat(told).containsExactly(true, false);
    }

    @Test
    void partitionsAssignedWhileIntakeIsPausedStartPaused() {
        consumer.assign(List.of(P0));
        valve.update(10, 0, 0);
        consumer.assign(List.of(P0, P1));
        valve.assigned(List.of(P1));
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    }

    @Test
    void atTheCapsEveryPartitionPausesAndTheBacklogHoldsNoKeyBack() {
        consumer.assign(List.of(P0, P1, P2));
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.of(20_000));
        valve.update(0, 0, 0);
        assertThat(consumer.paused()).as("the backlog reads P1 first").containsExactly(P0);

        valve.update(10, 0, 0);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1, P2);
        assertThat(backlog.holds(P0)).as("holding keys at the caps would keep them from draining").isFalse();

        valve.update(0, 0, 0);
        assertThat(consumer.paused()).as("resumed: back to one lagging partition at a time").containsExactly(P0);
    }

    @Test
    void unassignedPartitionsAreNeverPaused() {
        consumer.assign(List.of(P0));
        backlog.observe(P1, OptionalLong.of(50_000));
        backlog.observe(P2, OptionalLong.of(20_000));
        valve.update(0, 0, 0);
        assertThat(consumer.paused()).isEmpty();
    }
}
