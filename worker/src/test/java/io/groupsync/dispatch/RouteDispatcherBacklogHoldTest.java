package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.PipelineConfig;
import io.groupsync.intake.Backlog;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Keys of a partition still reading a backlog wait before their first call. */
class RouteDispatcherBacklogHoldTest extends RouteDispatcherFixture {

    /** The real backlog, wired as the worker wires it, so these tests see its rules reach the dispatcher. */
    final Backlog backlog = new Backlog(PipelineConfig.defaults().withBacklogHold(Duration.ofSeconds(30)),
            clock);

    @Override
    PartitionHold hold() {
        return backlog::holds;
    }

    @Test
    void keysOfAPartitionStillReadingABacklogWaitForItAndThenGoOnceWithEverythingMergedInFirstDirtyOrder() {
        RouteDispatcher route = dispatcher(1_000, 20, 5);
        backlog.observe(P0, OptionalLong.of(50_000));
        offer(route, "g1", Patch.empty().set(Field.NAME, "first"));
        offer(route, "g2", Patch.empty().set(Field.NAME, "other"));
        route.pump();
        offer(route, "g1", Patch.empty().set(Field.NAME, "last"));
        route.pump();
        assertThat(vendor.sent).as("edits of g1 may still be unread").isEmpty();
        assertThat(route.queued()).isEqualTo(2);

        backlog.observe(P0, OptionalLong.of(0));
        route.pump();

        assertThat(vendor.sent).extracting(s -> s.call().redacted()).satisfiesExactly(
                g1 -> assertThat(g1).startsWith("g1/").contains("last").doesNotContain("first"),
                g2 -> assertThat(g2).startsWith("g2/"));
    }

    @Test
    void keysOfACaughtUpPartitionGoWhileAnotherPartitionIsHeld() {
        RouteDispatcher route = dispatcher(100, 20, 5);
        TopicPartition p1 = new TopicPartition("in", 1);
        backlog.observe(P0, OptionalLong.of(50_000));
        backlog.observe(p1, OptionalLong.of(3));
        offer(route, "g1", Patch.empty().set(Field.NAME, "held"));
        offer(route, p1, "g2", Target.group(), Patch.empty().set(Field.NAME, "goes"));
        route.pump();
        assertThat(vendor.sent).singleElement().satisfies(s -> assertThat(s.call().redacted()).startsWith("g2/"));
    }

    @Test
    void aPartitionLaggingForLongerThanTheHoldLetsItsKeysGo() {
        RouteDispatcher route = dispatcher(100, 20, 5);
        backlog.observe(P0, OptionalLong.of(50_000));
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        assertThat(vendor.sent).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        backlog.observe(P0, OptionalLong.of(60_000));
        route.pump();
        assertThat(vendor.sent).as("a producer faster than the worker does not hold keys for ever").hasSize(1);
    }

    @Test
    void nothingIsHeldWhileIntakeIsPausedAtThePendingCaps() {
        RouteDispatcher route = dispatcher(100, 20, 5);
        backlog.observe(P0, OptionalLong.of(50_000));
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        assertThat(vendor.sent).isEmpty();
        backlog.intakePaused(true);
        route.pump();
        assertThat(vendor.sent).as("holding would keep the caps from draining").hasSize(1);
    }

    @Test
    void aCallAlreadyUnderwayIsNotHeldForItsNextRequest() {
        RouteDispatcher route = dispatcher(100, 20, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a").set(Field.MUTE_ALL, true));
        route.pump();
        assertThat(vendor.sent).hasSize(1);
        backlog.observe(P0, OptionalLong.of(50_000));
        answerAll(OK);
        route.pump();
        assertThat(vendor.sent).as("the plan's second request goes on").hasSize(2);
    }
}
