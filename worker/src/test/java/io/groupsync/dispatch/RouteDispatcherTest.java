package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.WireGate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Order, limits, retries, throttling and planning of one route's calls. */
class RouteDispatcherTest extends RouteDispatcherFixture {

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
}
