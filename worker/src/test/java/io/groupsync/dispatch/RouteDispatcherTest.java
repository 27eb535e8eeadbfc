package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.coalesce.CoveredEvent;
import io.groupsync.coalesce.PendingKey;
import io.groupsync.coalesce.PendingWork;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.intake.Backlog;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import io.groupsync.vendor.CallClass;
import io.groupsync.vendor.CallResult;
import io.groupsync.vendor.PlanContext;
import io.groupsync.vendor.VendorCall;
import io.groupsync.vendor.WireGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RouteDispatcherTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final CallResult OK = CallResult.ok(0, 200);
    private static final CallResult BOOM = new CallResult(CallClass.TRANSIENT, 10002, 200, "internal", null, null);

    private final ManualClock clock = new ManualClock();
    private final Backlog backlog = new Backlog(Duration.ofSeconds(30), clock);
    private final Coalescer coalescer = new Coalescer();
    private final FakeVendorClient vendor = new FakeVendorClient();
    private final List<Completion> completions = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private long offset;
    private Duration reserveAhead = Duration.ZERO;
    private final List<Runnable> timed = new ArrayList<>();
    private final DispatchTimer timer = (task, delayNanos) -> timed.add(task);

    private final OutcomeSink sink = new OutcomeSink() {
        @Override
        public void applied(PendingWork work, List<CoveredEvent> events, Set<CoveredEvent> superseded,
                            DispatchInfo info) {
            events.forEach(e -> outcomes.add("applied " + e.eventId() + " attempts=" + info.attempts()
                    + (superseded.contains(e) ? " stale" : "")));
        }

        @Override
        public void failed(PendingWork work, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                           DispatchInfo info) {
            events.forEach(e -> outcomes.add("failed " + e.eventId() + " " + reason + " attempts=" + info.attempts()));
        }
    };

    private RouteDispatcher dispatcher(int limit, int maxInFlight, int maxAttempts) {
        Map<String, ApiLimiter> limiters = Map.of(
                "group", new ApiLimiter("group", limit, clock),
                "member", new ApiLimiter("member", limit, clock),
                "mute", new ApiLimiter("mute", limit, clock));
        DispatchSettings settings = new DispatchSettings(maxInFlight, maxAttempts,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 1.0), reserveAhead);
        return new RouteDispatcher("r", vendor, limiters, settings, coalescer, sink, completions::add, clock,
                DispatchMetrics.NONE, timer, backlog);
    }

    @Test
    void keysLeaveInFirstDirtyOrderAndEachAtMostOnceInFlight() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        offer(route, "g2", Patch.empty().set(Field.NAME, "b"));
        offer(route, "g1", Patch.empty().set(Field.NAME, "c"));
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().redacted())
                .containsExactly("g1/group:Patch{NAME=c}", "g2/group:Patch{NAME=b}");
        offer(route, "g1", Patch.empty().set(Field.NAME, "d"));
        route.pump();
        assertThat(vendor.sent).as("g1 is in flight: its new edit waits").hasSize(2);
        answerAll(OK);
        route.pump();
        assertThat(vendor.sent).hasSize(3);
        assertThat(vendor.sent.get(2).call().redacted()).isEqualTo("g1/group:Patch{NAME=d}");
        assertThat(outcomes).containsExactly("applied e1 attempts=1 stale", "applied e3 attempts=1",
                "applied e2 attempts=1");
    }

    @Test
    void theBucketHoldsCallsBackUntilItRefills() {
        RouteDispatcher route = dispatcher(100, 10, 5);
        for (int g = 0; g < 10; g++) {
            offer(route, "g" + g, Patch.empty().set(Field.NAME, "x"));
        }
        route.pump();
        assertThat(vendor.sent).as("a quiet bucket of limit 100 bursts 1").hasSize(1);
        route.pump();
        assertThat(vendor.sent).hasSize(1);
        long wake = route.nextWakeNanos();
        assertThat(wake).as("next token in about 1/96 s").isBetween(clock.nanoTime() + 10_000_000,
                clock.nanoTime() + 11_000_000);
        clock.advance(Duration.ofNanos(wake - clock.nanoTime()));
        route.pump();
        assertThat(vendor.sent).hasSize(2);
    }

    @Test
    void theInFlightCapHoldsCallsBackUntilAnAnswerFreesASlot() {
        RouteDispatcher route = dispatcher(1_000, 3, 5);
        for (int g = 0; g < 10; g++) {
            offer(route, "g" + g, Patch.empty().set(Field.NAME, "x"));
        }
        route.pump();
        assertThat(vendor.sent).hasSize(3);
        assertThat(route.nextWakeNanos()).as("all slots busy: only an answer wakes it").isEqualTo(Long.MAX_VALUE);
        answer(0, OK);
        route.pump();
        assertThat(vendor.sent).hasSize(4);
    }

    @Test
    void aTransientFailureBacksOffThenRetriesWithTheNewerEditsMergedIn() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a").set(Field.INTRODUCTION, "i"));
        route.pump();
        offer(route, "g1", Patch.empty().set(Field.NAME, "b"));
        answerAll(BOOM);
        clock.advance(Duration.ofMillis(99));
        route.pump();
        assertThat(vendor.sent).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        route.pump();
        assertThat(vendor.sent).hasSize(2);
        assertThat(vendor.sent.get(1).call().redacted()).isEqualTo("g1/group:Patch{NAME=b, INTRODUCTION=i}");
        answerAll(OK);
        assertThat(outcomes).containsExactly("applied e1 attempts=2", "applied e2 attempts=2");
    }

    @Test
    void retriesRunOutIntoTheDeadLetterTopic() {
        RouteDispatcher route = dispatcher(1_000, 10, 3);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            route.pump();
            answerAll(BOOM);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(outcomes).containsExactly("failed e1 RETRIES_EXHAUSTED attempts=3");
        assertThat(coalescer.pendingKeys()).isZero();
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceAndTheNextEditsStillGo() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        offer(route, "g1", Patch.empty().set(Field.NAME, "b"));
        answerAll(new CallResult(CallClass.PERMANENT, 10004, 200, "bad", null, null));
        route.pump();
        answerAll(OK);
        assertThat(outcomes).containsExactly("failed e1 VENDOR_PERMANENT attempts=1", "applied e2 attempts=1");
    }

    @Test
    void aThrottlingAnswerPausesTheApiUntilRetryAfterAndDoesNotUseAnAttempt() {
        RouteDispatcher route = dispatcher(1_000, 10, 2);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        offer(route, "m", Target.member("u1"), Patch.empty().set(Field.NAME_CARD, "n"));
        route.pump();
        int groupCall = vendor.sent.get(0).call().api().equals("group") ? 0 : 1;
        answer(groupCall, new CallResult(CallClass.THROTTLED, 60007, 200, "too fast", Duration.ofSeconds(3), null));
        offer(route, "g2", Patch.empty().set(Field.NAME, "b"));
        clock.advance(Duration.ofMillis(2_999));
        route.pump();
        assertThat(vendor.sent).as("group API paused").hasSize(2);
        clock.advance(Duration.ofMillis(1));
        route.pump();
        assertThat(vendor.sent).as("the retried g1 and the waiting g2").hasSize(4);
        answerAll(OK);
        route.pump();
        answerAll(OK);
        assertThat(outcomes).contains("applied e1 attempts=1");
    }

    @Test
    void aPlanOfSeveralCallsSendsThemInOrderEachWithItsOwnToken() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a").set(Field.MUTE_ALL, true));
        route.pump();
        assertThat(vendor.sent).hasSize(1);
        answerAll(OK);
        assertThat(outcomes).as("not applied until the last call").isEmpty();
        route.pump();
        assertThat(vendor.sent.get(1).call().api()).isEqualTo("mute");
        answerAll(OK);
        assertThat(outcomes).containsExactly("applied e1 attempts=1");
    }

    @Test
    void aKeyPlannedForAnotherApiThanItQueuedForGoesThereWhileTheOtherQueuesArePumped() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Target.member("viewer1"), Patch.empty().set(Field.MUTE, MuteDeadline.FOREVER));
        offer(route, "g2", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().api()).containsExactlyInAnyOrder("mute", "group");
    }

    @Test
    void tokensReservedAheadAreSentByTheTimerWhenTheyFallDue() {
        reserveAhead = Duration.ofMillis(50);
        RouteDispatcher route = dispatcher(100, 20, 5);
        for (int g = 0; g < 10; g++) {
            offer(route, "g" + g, Patch.empty().set(Field.NAME, "x"));
        }
        route.pump();
        assertThat(vendor.sent).as("the token there now").hasSize(1);
        assertThat(timed).as("tokens due at ~10, 21, 31 and 42 ms").hasSize(4);
        assertThat(route.inFlight()).isEqualTo(5);
        timed.forEach(Runnable::run);
        assertThat(vendor.sent).hasSize(5);
        assertThat(route.nextWakeNanos()).as("the next reservation fits a horizon before its token")
                .isBetween(clock.nanoTime(), clock.nanoTime() + Duration.ofMillis(10).toNanos());
    }

    @Test
    void theGateARequestPassesAsItIsWrittenHoldsItUntilItsOwnApisLastSecondHasRoom() throws Exception {
        RouteDispatcher route = dispatcher(200, 20, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        WireGate gate = vendor.sent.get(0).gate();
        int worst = BucketSizing.forLimit(200).worstSecond();
        for (int i = 0; i < worst; i++) {
            gate.pass("group", false);
        }
        assertThat(clock.nanoTime()).as("a full second of group requests, all written at once").isZero();
        gate.pass("member", false);
        gate.pass("get_admin_token", true);
        assertThat(clock.nanoTime()).as("other APIs, and APIs without a limit, are not held").isZero();
        gate.pass("group", false);
        assertThat(clock.nanoTime()).as("held until the first group request is a second old")
                .isEqualTo(Duration.ofSeconds(1).toNanos());
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

    @Test
    void anUnplannedRequestWaitsForATokenOfItsOwnSoABurstOfThemIsSpreadOut() throws Exception {
        RouteDispatcher route = dispatcher(200, 20, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        WireGate reads = vendor.sent.get(0).gate().unplanned();
        int burst = BucketSizing.forLimit(200).capacity();
        for (int i = 0; i < burst + 10; i++) {
            reads.pass("member", true);
        }
        assertThat(clock.nanoTime()).as("10 past the burst, at the bucket's refill rate")
                .isBetween(Duration.ofMillis(50).toNanos(), Duration.ofMillis(53).toNanos());
    }

    @Test
    void aReservedCallIsNotSentIfAThrottlingAnswerPausedItsApiMeanwhile() {
        reserveAhead = Duration.ofMillis(50);
        RouteDispatcher route = dispatcher(100, 20, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        offer(route, "g2", Patch.empty().set(Field.NAME, "b"));
        route.pump();
        answer(0, new CallResult(CallClass.THROTTLED, 60007, 200, "too fast", Duration.ofSeconds(1), null));
        timed.forEach(Runnable::run);
        assertThat(vendor.sent).as("g2's reserved call held back").hasSize(1);
        deliver();
        assertThat(route.limiters().get("group").throttles()).as("held back is not another throttle").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        route.pump();
        assertThat(vendor.sent).hasSize(2);
    }

    @Test
    void callsOfSeveralKeysTravelInOneRequestForOneToken() {
        RouteDispatcher route = dispatcher(100, 10, 5);
        for (int m = 1; m <= 5; m++) {
            offer(route, "g" + m, Target.member("u" + m), Patch.empty().set(Field.NAME_CARD, "n" + m));
        }
        route.pump();
        assertThat(vendor.sent).as("one token: one request of three").singleElement()
                .satisfies(s -> assertThat(s.call().redacted()).isEqualTo(
                        "g1/member:u1:Patch{NAME_CARD=n1} + g2/member:u2:Patch{NAME_CARD=n2} "
                                + "+ g3/member:u3:Patch{NAME_CARD=n3}"));
        assertThat(route.inFlight()).isEqualTo(1);
        answerAll(OK);
        assertThat(outcomes).containsExactly("applied e1 attempts=1", "applied e2 attempts=1", "applied e3 attempts=1");
    }

    @Test
    void aKeyThatCannotJoinTheBatchWaitsForItsOwnTokenAndIsPlannedAfreshThen() {
        RouteDispatcher route = dispatcher(100, 10, 5);
        offer(route, "g1", Target.member("u1"), Patch.empty().set(Field.NAME_CARD, "one"));
        offer(route, "g1", Target.member("u2"), Patch.empty().set(Field.ROLE, io.groupsync.event.MemberRole.ADMIN));
        offer(route, "g1", Target.member("u3"), Patch.empty().set(Field.NAME_CARD, "three"));
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().redacted()).as("u2 stops the batch")
                .containsExactly("g1/member:u1:Patch{NAME_CARD=one}");
        offer(route, "g1", Target.member("u2"), Patch.empty().set(Field.NAME_CARD, "two"));
        clock.advance(Duration.ofNanos(route.nextWakeNanos() - clock.nanoTime()));
        route.pump();
        assertThat(vendor.sent.get(1).call().redacted()).as("planned afresh, with the edit that came meanwhile")
                .isEqualTo("g1/member:u2:Patch{ROLE=ADMIN, NAME_CARD=two}");
    }

    @Test
    void aBatchRefusedAsAWholeIsRetriedCallByCallSoOnlyTheBadCallFails() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        for (int m = 1; m <= 3; m++) {
            offer(route, "g" + m, Target.member("u" + m), Patch.empty().set(Field.NAME_CARD, "n" + m));
        }
        route.pump();
        answerAll(new CallResult(CallClass.PERMANENT, 1001, 200, "user not in group", null, null));
        assertThat(outcomes).as("nobody fails for the batch").isEmpty();
        route.pump();
        assertThat(vendor.sent).hasSize(4);
        assertThat(vendor.sent.subList(1, 4)).extracting(s -> s.call().redacted()).allSatisfy(r ->
                assertThat(r).doesNotContain(" + "));
        answer(1, new CallResult(CallClass.PERMANENT, 1001, 200, "user not in group", null, null));
        answer(2, OK);
        answer(3, OK);
        assertThat(outcomes).containsExactlyInAnyOrder("failed e1 VENDOR_PERMANENT attempts=1",
                "applied e2 attempts=1", "applied e3 attempts=1");
    }

    @Test
    void aClientThatCannotBuildARequestFailsThatKeyAndTheOthersGoOn() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "boom", Patch.empty().set(Field.NAME, "a"));
        offer(route, "g2", Patch.empty().set(Field.NAME, "b"));
        route.pump();
        assertThat(outcomes).containsExactly("failed e1 VENDOR_PERMANENT attempts=1");
        assertThat(vendor.sent).singleElement().satisfies(s -> assertThat(s.call().redacted()).startsWith("g2/"));
    }

    @Test
    void aMuteMergedIntoAKeyQueuedForAnotherApiIsPlannedOnlyWhenItsOwnApiHasATokenSoItsSecondsAreFresh() {
        RouteDispatcher route = dispatcher(2, 10, 5);
        offer(route, "g1", Target.member("u2"), Patch.empty().set(Field.MUTE, MuteDeadline.of(now(), 600)));
        offer(route, "g1", Target.member("u1"), Patch.empty().set(Field.NAME_CARD, "n"));
        offer(route, "g1", Target.member("u1"), Patch.empty().set(Field.MUTE, MuteDeadline.of(now(), 60)));
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().redacted()).as("the mute API's one token went to u2")
                .containsExactly("mute g1/member:u2 for 600 s");

        clock.advance(Duration.ofNanos(route.nextWakeNanos() - clock.nanoTime()));
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().redacted()).as("u1's mute, a second later")
                .containsExactly("mute g1/member:u2 for 600 s", "mute g1/member:u1 for 59 s");
    }

    @Test
    void aKeyMovingToTheQueueOfAnApiNothingWaitedForYetIsSentAllTheSame() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        offer(route, "g1", Target.member("u1"), Patch.empty().set(Field.NAME_CARD, "n"));
        offer(route, "g1", Target.member("u1"), Patch.empty().set(Field.MUTE, MuteDeadline.of(now(), 60)));
        route.pump();
        route.pump();
        assertThat(vendor.sent).extracting(s -> s.call().redacted())
                .containsExactlyInAnyOrder("g1/group:Patch{NAME=a}", "mute g1/member:u1 for 60 s");
    }

    @Test
    void anAnswerForADroppedKeyIsIgnored() {
        RouteDispatcher route = dispatcher(1_000, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "a"));
        route.pump();
        assertThat(route.inFlight(List.of(P0))).isEqualTo(1);
        coalescer.drop(List.of(P0));
        answerAll(OK);
        assertThat(outcomes).isEmpty();
        assertThat(route.inFlight()).isZero();
    }

    private long now() {
        return clock.currentTimeMillis();
    }

    private void offer(RouteDispatcher route, String group, Patch patch) {
        offer(route, group, Target.group(), patch);
    }

    private void offer(RouteDispatcher route, String group, Target target, Patch patch) {
        offer(route, P0, group, target, patch);
    }

    private void offer(RouteDispatcher route, TopicPartition partition, String group, Target target, Patch patch) {
        long at = ++offset;
        SourceRecord source = new SourceRecord(partition.topic(), partition.partition(), at, at, new byte[0],
                new byte[0], new RecordHeaders(), at);
        CoveredEvent event = new CoveredEvent("e" + at, at, source, patch.fields(target.kind()), Map.of());
        coalescer.offer(new PendingKey("r", group, target), partition, event, patch, PlanContext.NONE)
                .ifPresent(route::enqueue);
    }

    private void answer(int index, CallResult result) {
        vendor.sent.get(index).answer().complete(result);
        deliver();
    }

    private void answerAll(CallResult result) {
        vendor.sent.forEach(s -> s.answer().complete(result));
        deliver();
    }

    private void deliver() {
        List<Completion> now = new ArrayList<>(completions);
        completions.clear();
        now.forEach(c -> c.dispatcher().complete(c));
    }
}
