package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Where keys wait: ready per API, held per partition, backing off. */
class DispatchQueuesTest extends RouteDispatcherFixture {

    private static final TopicPartition P1 = new TopicPartition("in", 1);

    private final Set<TopicPartition> heldPartitions = new HashSet<>();
    private final DispatchQueues queues = new DispatchQueues("r", List.of("group", "member"), heldPartitions::contains);

    @Test
    void eachApisTicketsLeaveInFirstDirtyOrderWhateverTheOrderTheyCameIn() {
        PendingWork first = work(P0, "g1");
        PendingWork second = work(P0, "g2");
        queues.add("group", Ticket.start(second));
        queues.add("group", Ticket.start(first));
        assertThat(queues.head("group").work()).isSameAs(first);
        assertThat(queues.poll("group").work()).isSameAs(first);
        assertThat(queues.poll("group").work()).isSameAs(second);
        assertThat(queues.hasReady("group")).isFalse();
    }

    @Test
    void ticketsOfDroppedKeysAreDiscardedAtTheHead() {
        PendingWork dropped = work(P0, "g1");
        PendingWork kept = work(P1, "g2");
        queues.add("group", Ticket.start(dropped));
        queues.add("group", Ticket.start(kept));
        coalescer.drop(List.of(P0));
        assertThat(queues.head("group").work()).isSameAs(kept);
        assertThat(queues.size()).isEqualTo(1);
    }

    @Test
    void aTicketThatWouldStartACallWhileItsPartitionIsHeldWaitsAsideUntilTheHoldLetsGo() {
        heldPartitions.add(P0);
        PendingWork held = work(P0, "g1");
        queues.add("group", Ticket.start(held));
        assertThat(queues.head("group")).isNull();
        assertThat(queues.size()).as("still counted as waiting").isEqualTo(1);
        queues.release();
        assertThat(queues.head("group")).as("the hold has not let go").isNull();

        heldPartitions.clear();
        queues.release();
        assertThat(queues.head("group").work()).isSameAs(held);
    }

    @Test
    void aTicketForTheNextCallOfADispatchUnderwayIsNotHeld() {
        heldPartitions.add(P0);
        PendingWork work = work(P0, "g1");
        work.startDispatch(coalescer.nextSeq());
        VendorCall next = new VendorCall("group", Set.of(Field.NAME), new byte[0], "next", "text/plain");
        queues.add("group", Ticket.next(work, work.dispatchSeq(), List.of(next)));
        assertThat(queues.head("group").plan()).containsExactly(next);
    }

    @Test
    void retriesComeDueInTheOrderOfTheirTimesAndDroppedKeysAreLeftOut() {
        PendingWork late = backingOff(P0, "g1", 300);
        PendingWork early = backingOff(P0, "g2", 100);
        backingOff(P1, "g3", 200);
        coalescer.drop(List.of(P1));
        assertThat(queues.nextRetryNanos()).isEqualTo(100);
        assertThat(queues.dueRetries(99)).isEmpty();
        assertThat(queues.dueRetries(300)).containsExactly(early, late);
        assertThat(queues.nextRetryNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void purgingForgetsEverythingDroppedKeysLeftReadyHeldOrBackingOff() {
        heldPartitions.add(P1);
        queues.add("group", Ticket.start(work(P0, "g1")));
        queues.add("member", Ticket.start(work(P1, "g2")));
        queues.head("member");
        backingOff(P0, "g3", 100);
        PendingWork kept = work(new TopicPartition("in", 2), "g4");
        queues.add("group", Ticket.start(kept));
        assertThat(queues.size()).isEqualTo(4);
        coalescer.drop(List.of(P0, P1));
        queues.purgeDropped();
        assertThat(queues.size()).isEqualTo(1);
        assertThat(queues.head("group").work()).isSameAs(kept);
    }

    @Test
    void aCallPlannedForAnApiWithoutARateLimitIsABugThatIsNamed() {
        assertThatThrownBy(() -> queues.add("mute", Ticket.start(work(P0, "g1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("route r planned a call to mute with no rate limit");
    }

    private PendingWork work(TopicPartition partition, String group) {
        return edit(partition, group, Target.group(), Patch.empty().set(Field.NAME, group)).orElseThrow();
    }

    private PendingWork backingOff(TopicPartition partition, String group, long retryAtNanos) {
        PendingWork work = work(partition, group);
        work.startDispatch(coalescer.nextSeq());
        work.retryLater(retryAtNanos, true);
        queues.backOff(work);
        return work;
    }
}
