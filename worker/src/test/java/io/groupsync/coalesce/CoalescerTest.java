package io.groupsync.coalesce;

import io.groupsync.model.TargetKind;
import io.groupsync.model.FieldFate;
import io.groupsync.model.Version;
import io.groupsync.versions.VersionKeys;
import java.time.Duration;
import io.groupsync.time.ManualClock;
import io.groupsync.versions.AppliedVersions;
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
    private final AppliedVersions versions = new AppliedVersions(Duration.ofDays(1), new ManualClock());
    private final Coalescer coalescer = new Coalescer(versions);
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
        assertThat(work.sendingEvents()).filteredOn(work.sendingPatch()::superseded)
                .containsExactly(work.sendingEvents().get(0));
    }

    @Test
    void aValueOlderThanTheVersionAppliedIsStaleNamingThatVersionAndTheRestIsFresh() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        Version applied = new Version(0, 0, 50);
        versions.applied(0, VersionKeys.of(key, Field.NAME), applied);
        versions.applied(0, VersionKeys.ofCustom(key, "k"), applied);
        Patch patch = Patch.empty().set(Field.NAME, "old").set(Field.NOTIFICATION, "n").putCustom("k", "old")
                .putCustom("j", "new");
        CoveredEvent replayed = eventAt(10, patch);

        Coalescer.Admission admission = coalescer.admit(key, replayed, patch);

        assertThat(admission.fresh()).isEqualTo(Patch.empty().set(Field.NOTIFICATION, "n").putCustom("j", "new"));
        assertThat(admission.stale().of(replayed)).containsOnlyKeys(Field.NAME)
                .containsEntry(Field.NAME, FieldFate.stale(null, applied));
    }

    @Test
    void aValueOlderThanOneWaitingOrInFlightIsStaleNamingThatEvent() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        CoveredEvent newer = eventAt(60, Patch.empty().set(Field.NAME, "B"));
        coalescer.offer(key, P0, newer, coalescer.admit(key, newer, Patch.empty().set(Field.NAME, "B")),
                PlanContext.NONE);
        only().startDispatch(coalescer.nextSeq());
        CoveredEvent older = eventAt(10, Patch.empty().set(Field.NAME, "A"));

        Coalescer.Admission admission = coalescer.admit(key, older, Patch.empty().set(Field.NAME, "A"));

        assertThat(admission.fresh().isEmpty()).isTrue();
        assertThat(admission.stale().noneSent(older)).isTrue();
        assertThat(admission.stale().of(older).get(Field.NAME).byEventId()).isEqualTo(newer.eventId());
    }

    @Test
    void anOrdinaryEditIsNewerThanAnythingAppliedFromItsPartitionEvenWithAnEarlierClock() {
        PendingKey key = new PendingKey("r", "g1", Target.group());
        versions.applied(0, VersionKeys.of(key, Field.NAME), new Version(Long.MAX_VALUE / 2, 0, 50));
        Patch patch = Patch.empty().set(Field.NAME, "later");
        CoveredEvent later = eventAt(51, patch);

        assertThat(coalescer.admit(key, later, patch).fresh()).isEqualTo(patch);
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
        CoveredEvent first = event(Patch.empty().set(Field.NAME, "a"));
        coalescer.offer(key, P0, first, coalescer.admit(key, first, Patch.empty().set(Field.NAME, "a")),
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
        PendingKey other = new PendingKey("r", "g2", Target.member("m"));
        CoveredEvent card = event(Patch.empty().set(Field.NAME_CARD, "c"));
        coalescer.offer(other, new TopicPartition("in", 1), card,
                coalescer.admit(other, card, Patch.empty().set(Field.NAME_CARD, "c")), PlanContext.NONE);
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
        CoveredEvent event = event(patch);
        return coalescer.offer(key, P0, event, coalescer.admit(key, event, patch), new PlanContext(null, operator))
                .isPresent();
    }

    /** An event read at this offset of P0, its clock at the epoch: only the offset may order it. */
    private static CoveredEvent eventAt(long at, Patch patch) {
        SourceRecord source = new SourceRecord("in", 0, at, 0, new byte[0], new byte[0], new RecordHeaders(), 0);
        return new CoveredEvent("e" + at, 0, source, patch.fields(TargetKind.GROUP), Map.of());
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
