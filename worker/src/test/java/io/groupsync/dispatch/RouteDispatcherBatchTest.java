package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls of several keys that travel in one request. */
class RouteDispatcherBatchTest extends RouteDispatcherFixture {

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
}
