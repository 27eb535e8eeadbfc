package io.groupsync.intake;

import io.groupsync.config.PipelineConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);
    private static final TopicPartition P2 = new TopicPartition("in", 2);

    private final ManualClock clock = new ManualClock();
    private final Backlog backlog = new Backlog(PipelineConfig.defaults().withBacklogHold(Duration.ofSeconds(30)),
            clock);

    @Test
    void laggingPartitionsAreReadOneAtATimeTheNearestItsEndFirst() {
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.of(20_000));
        backlog.observe(P2, OptionalLong.of(3));
        assertThat(backlog.deferred()).as("P1 is nearest its end; P2 has caught up and is read as it comes")
                .containsExactly(P0);
    }

    @Test
    void thePartitionBeingReadKeepsItsTurnUntilItCatchesUp() {
        readingP1OfThreeLagging();

        backlog.observe(P1, OptionalLong.of(40_000));
        assertThat(backlog.deferred()).as("a producer adding to it does not hand its turn over")
                .containsExactlyInAnyOrder(P0, P2);

        backlog.observe(P1, OptionalLong.of(900));
        assertThat(backlog.holds(P1)).as("its last records may still edit its keys").isTrue();
        assertThat(backlog.deferred()).containsExactlyInAnyOrder(P0, P2);

        backlog.observe(P1, OptionalLong.of(0));
        assertThat(backlog.deferred()).as("caught up: the next nearest its end is read").containsExactly(P0);
        assertThat(backlog.holds(P1)).isFalse();
    }

    @Test
    void aSteadyStreamBehindByLessThanACoupleOfPollsIsNeverHeld() {
        backlog.observe(P0, OptionalLong.of(PipelineConfig.CAUGHT_UP_LAG));
        backlog.observe(P0, OptionalLong.of(300));
        assertThat(backlog.holds(P0)).isFalse();
    }

    @Test
    void oneLaggingPartitionDefersNothing() {
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.empty());
        assertThat(backlog.deferred()).as("a partition not fetched yet has no known lag").isEmpty();
    }

    @Test
    void nothingIsDeferredWhileIntakeIsPausedAtTheCaps() {
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.of(20_000));
        backlog.intakePaused(true);
        assertThat(backlog.deferred()).isEmpty();
        backlog.intakePaused(false);
        assertThat(backlog.deferred()).containsExactly(P0);
    }

    @Test
    void partitionsLaggingLongerThanTheHoldAreReadSideBySideAgain() {
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.of(20_000));
        assertThat(backlog.deferred()).containsExactly(P0);
        clock.advance(Duration.ofSeconds(30));
        assertThat(backlog.deferred()).as("a producer faster than the worker must not starve a partition").isEmpty();
    }

    @Test
    void withoutAHoldEveryPartitionIsReadSideBySide() {
        Backlog none = Backlog.none(clock);
        none.observe(P0, OptionalLong.of(50_000));
        none.observe(P1, OptionalLong.of(20_000));
        assertThat(none.deferred()).isEmpty();
    }

    @Test
    void aRevokedPartitionBeingReadHandsItsTurnOver() {
        readingP1OfThreeLagging();
        backlog.forget(List.of(P1));
        assertThat(backlog.deferred()).containsExactly(P0);
    }

    @Test
    void forgettingPartitionsWhileNoneIsBeingReadTakesTheConsumersSortedSet() {
        Set<TopicPartition> revoked = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        revoked.add(P0);
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.forget(revoked);
        assertThat(backlog.holds(P0)).isFalse();
    }

    /** Three partitions lag; P1, nearest its end, is read while the other two wait. */
    private void readingP1OfThreeLagging() {
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(P1, OptionalLong.of(20_000));
        backlog.observe(P2, OptionalLong.of(30_000));
        assertThat(backlog.deferred()).containsExactlyInAnyOrder(P0, P2);
    }
}
