package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the dispatcher tells its metrics: the vendor's answers, and apart from them what the worker held back. */
class RouteDispatcherMetricsTest extends RouteDispatcherFixture {

    private final List<DispatchMetrics.Answer> answers = new ArrayList<>();
    private final List<String> heldBack = new ArrayList<>();

    @BeforeEach
    void recording() {
        reserveAhead = Duration.ofMillis(250);
        metrics = new DispatchMetrics() {
            @Override
            public void answered(Answer answer) {
                answers.add(answer);
            }

            @Override
            public void heldBack(String route, String api, HeldBack why) {
                heldBack.add(route + " " + api + " " + why);
            }
        };
    }

    @Test
    void callsHeldBackByAPauseAreNotCountedAsTheVendorsThrottlingAnswers() {
        RouteDispatcher route = dispatcher(10, 10, 5);
        for (int g = 1; g <= 3; g++) {
            offer(route, "g" + g, Patch.empty().set(Field.NAME, "n"));
        }
        route.pump();
        assertThat(vendor.sent).hasSize(1);
        assertThat(timed).as("reserved ahead, waiting for their tokens").hasSize(2);
        answer(0, new CallResult(CallClass.THROTTLED, 60007, 200, "too fast", Duration.ofSeconds(1), null));
        timed.forEach(Runnable::run);
        deliver();

        assertThat(vendor.sent).as("nothing sent during the pause").hasSize(1);
        assertThat(answers).extracting(a -> a.result().outcome()).containsExactly(CallClass.THROTTLED);
        assertThat(heldBack).containsExactly("r group PAUSED", "r group PAUSED");
    }

    @Test
    void callsOfARevokedPartitionLeftUnsentAreHeldBackNotTransientAnswers() {
        RouteDispatcher route = dispatcher(10, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "n"));
        offer(route, "g2", Patch.empty().set(Field.NAME, "n"));
        route.pump();
        coalescer.drop(List.of(P0));
        timed.forEach(Runnable::run);
        deliver();

        assertThat(answers).isEmpty();
        assertThat(heldBack).containsExactly("r group REVOKED");
    }

    @Test
    void anAnswerNamesTheRouteTheApiAndAKeyItWasFor() {
        RouteDispatcher route = dispatcher(10, 10, 5);
        offer(route, "g1", Patch.empty().set(Field.NAME, "n"));
        route.pump();
        answer(0, BOOM);

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.route()).isEqualTo("r");
            assertThat(a.api()).isEqualTo("group");
            assertThat(a.result()).isEqualTo(BOOM);
            assertThat(a.groupId()).isEqualTo("g1");
            assertThat(a.eventId()).isEqualTo("e1");
            assertThat(a.dispatchId()).matches("r-\\d+");
        });
    }
}
