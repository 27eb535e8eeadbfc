package io.groupsync.coalesce;

import io.groupsync.model.PendingKey;
import io.groupsync.model.CoveredEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.model.PlanContext;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private final Coalescer coalescer = new Coalescer();
    private long offset;

    @Test
    void editsOfOneKeyMergeWhileItWaitsAndItIsQueuedOnce() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        assertThat(offer(key, Patch.empty().set(Field.NAME, "a"))).isTrue();
        assertThat(offer(key, Patch.empty().set(Field.NAME, "b").set(Field.NOTIFICATION, "n"))).isFalse();
        PendingWork work = only();
        assertThat(work.state()).isEqualTo(PendingWork.State.READY);
        Patch sent = work.startDispatch(coalescer.nextSeq());
        assertThat(sent.get(Field.NAME, String.class)).isEqualTo("b");
        assertThat(sent.get(Field.NOTIFICATION, String.class)).isEqualTo("n");
        assertThat(work.sendingEvents()).hasSize(2);
    }

    @Test
    void editsArrivingDuringADispatchWaitForItAndFollowIt() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        assertThat(offer(key, Patch.empty().set(Field.NAME, "b"))).as("in flight: not queued again").isFalse();
        assertThat(work.sendingEvents()).hasSize(1);
        work.finishDispatch();
        assertThat(work.state()).isEqualTo(PendingWork.State.READY);
        assertThat(work.startDispatch(coalescer.nextSeq()).get(Field.NAME, String.class)).isEqualTo("b");
        work.finishDispatch();
        assertThat(work.isIdle()).isTrue();
        coalescer.forgetIfIdle(work);
        assertThat(coalescer.pendingKeys()).isZero();
    }

    @Test
    void aRetrySendsTheFailedEditsUnderTheNewerOnes() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "old").set(Field.INTRODUCTION, "i").putCustom("k", "1"));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        offer(key, Patch.empty().set(Field.NAME, "new").putCustom("k", null));
        work.retryLater(123, true);
        assertThat(work.state()).isEqualTo(PendingWork.State.BACKOFF);
        assertThat(work.failedAttempts()).isEqualTo(1);
        offer(key, Patch.empty().set(Field.NOTIFICATION, "during backoff"));
        work.retryDue();
        Patch retried = work.startDispatch(coalescer.nextSeq());
        assertThat(retried.get(Field.NAME, String.class)).isEqualTo("new");
        assertThat(retried.get(Field.INTRODUCTION, String.class)).isEqualTo("i");
        assertThat(retried.get(Field.NOTIFICATION, String.class)).isEqualTo("during backoff");
        assertThat(retried.customData()).containsEntry("k", null);
        assertThat(work.sendingEvents()).hasSize(3);
    }

    @Test
    void aThrottledRetryDoesNotCountAsAFailedAttempt() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        work.retryLater(1, false);
        assertThat(work.failedAttempts()).isZero();
    }

    @Test
    void aRetriedKeyKeepsItsFirstDirtyPlace() {
        PendingKey first = new PendingKey("r", "g1", Target.group());
        PendingKey second = new PendingKey("r", "g2", Target.group());
        offer(first, Patch.empty().set(Field.NAME, "a"));
        offer(second, Patch.empty().set(Field.NAME, "b"));
        PendingWork w1 = coalescer.all().stream().filter(w -> w.key().equals(first)).findFirst().orElseThrow();
        PendingWork w2 = coalescer.all().stream().filter(w -> w.key().equals(second)).findFirst().orElseThrow();
        assertThat(w1.dirtySeq()).isLessThan(w2.dirtySeq());
        long before = w1.dirtySeq();
        w1.startDispatch(coalescer.nextSeq());
        w1.retryLater(5, true);
        w1.retryDue();
        assertThat(w1.dirtySeq()).isEqualTo(before);
    }

    @Test
    void aKeyDirtiedDuringItsFlightTakesThePlaceOfItsFirstNewEdit() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        offer(key, Patch.empty().set(Field.NAME, "b"));
        PendingKey later = new PendingKey("r", "g2", Target.group());
        offer(later, Patch.empty().set(Field.NAME, "x"));
        PendingWork other = coalescer.all().stream().filter(w -> w.key().equals(later)).findFirst().orElseThrow();
        work.finishDispatch();
        assertThat(work.dirtySeq()).as("dirtied before g2, so served before it").isLessThan(other.dirtySeq());
    }

    @Test
    void anEventAllOfWhoseValuesWereReplacedIsSuperseded() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a").putCustom("k", "1"));
        offer(key, Patch.empty().set(Field.NAME, "b"));
        offer(key, Patch.empty().putCustom("k", "2").set(Field.NOTIFICATION, "n"));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        assertThat(work.sendingSuperseded()).containsExactly(work.sendingEvents().get(0));
    }

    @Test
    void editsOfOneOperatorAreSentOnItsBehalf() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"), "alice");
        offer(key, Patch.empty().set(Field.NOTIFICATION, "n"), "alice");

        assertThat(only().context().operator()).isEqualTo("alice");
    }

    /** A vendor refusing one operator must refuse nobody else's edits, so a mixed merge names none (the admin). */
    @Test
    void editsOfSeveralOperatorsOrOfOneAndNoneNameNoOperator() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"), "alice");
        offer(key, Patch.empty().set(Field.NOTIFICATION, "n"), "bob");
        PendingKey other = new PendingKey("r", "g2", Target.group());
        offer(other, Patch.empty().set(Field.NAME, "a"), "alice");
        offer(other, Patch.empty().set(Field.NOTIFICATION, "n"), null);

        assertThat(coalescer.all()).extracting(w -> w.context().operator()).containsOnlyNulls().hasSize(2);
    }

    @Test
    void aRetriedDispatchMergedWithNewerEditsOfAnotherOperatorNamesNone() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        offer(key, Patch.empty().set(Field.NAME, "a"), "alice");
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        assertThat(work.context().operator()).as("the flight's own operator").isEqualTo("alice");
        offer(key, Patch.empty().set(Field.NAME, "b"), "bob");
        assertThat(work.context().operator()).as("still the flight's while it flies").isEqualTo("alice");

        work.retryLater(0, true);

        assertThat(work.context().operator()).isNull();
    }

    @Test
    void theGroupTypeOutlivesTheDispatchesThatSaidIt() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        coalescer.offer(key, P0, event(Patch.empty().set(Field.NAME, "a")), Patch.empty().set(Field.NAME, "a"),
                new PlanContext(io.groupsync.event.GroupType.PUBLIC, null));
        PendingWork work = only();
        work.startDispatch(coalescer.nextSeq());
        work.finishDispatch();
        offer(key, Patch.empty().set(Field.NAME, "b"));

        assertThat(work.context().groupType()).isEqualTo(io.groupsync.event.GroupType.PUBLIC);
    }

    @Test
    void droppingAPartitionDropsItsKeysOnly() {
        offer(new PendingKey("r", "g1", Target.group()), Patch.empty().set(Field.NAME, "a"));
        coalescer.offer(new PendingKey("r", "g2", Target.member("m")), new TopicPartition("in", 1),
                event(Patch.empty().set(Field.NAME_CARD, "c")), Patch.empty().set(Field.NAME_CARD, "c"),
                PlanContext.NONE);
        assertThat(coalescer.drop(java.util.List.of(P0))).singleElement()
                .satisfies(w -> assertThat(w.isDropped()).isTrue());
        assertThat(coalescer.pendingKeys()).isEqualTo(1);
    }

    @Test
    void startingADispatchOfAKeyNotReadyIsABug() {
        offer(new PendingKey("r", "g1", Target.group()), Patch.empty().set(Field.NAME, "a"));
        PendingWork work = only();
        work.startDispatch(1);
        assertThatThrownBy(() -> work.startDispatch(2)).isInstanceOf(IllegalStateException.class);
    }

    private boolean offer(PendingKey key, Patch patch) {
        return offer(key, patch, null);
    }

    private boolean offer(PendingKey key, Patch patch, String operator) {
        return coalescer.offer(key, P0, event(patch), patch, new PlanContext(null, operator)).isPresent();
    }

    private CoveredEvent event(Patch patch) {
        long at = ++offset;
        SourceRecord source = new SourceRecord("in", 0, at, at, new byte[0], new byte[0], new RecordHeaders(), at);
        return new CoveredEvent("e" + at, at, source, patch.fields(io.groupsync.model.TargetKind.GROUP), Map.of());
    }

    private PendingWork only() {
        assertThat(coalescer.all()).hasSize(1);
        return coalescer.all().iterator().next();
    }
}
