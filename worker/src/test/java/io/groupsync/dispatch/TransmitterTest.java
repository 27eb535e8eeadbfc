package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Requests sent when their tokens fall due, and every answer handed to the pipeline thread. */
class TransmitterTest extends RouteDispatcherFixture {

    private static final TopicPartition P1 = new TopicPartition("in", 1);

    private final ApiLimiter member = new ApiLimiter("member", 100, clock);
    private final DispatchRoute route = new DispatchRoute("r", vendor, Map.of("group", new ApiLimiter("group", 100,
            clock), "member", member, "mute", new ApiLimiter("mute", 100, clock)));
    private final RouteDispatcher dispatcher = dispatcher(100, 10, 5);
    private final Transmitter transmitter = new Transmitter(dispatcher, route, wiring(), clock);

    @Test
    void aRequestWhoseTokenIsDueIsSentAtOnceAndItsAnswerHandedOverWithWhenItWent() {
        clock.advance(Duration.ofMillis(7));
        Completion.Part part = part(P0, "u1");
        transmitter.send(List.of(part), member, 0);
        assertThat(vendor.sent).singleElement().satisfies(s -> assertThat(s.call()).isSameAs(part.call()));
        clock.advance(Duration.ofMillis(5));
        vendor.sent.get(0).answer().complete(OK);
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.dispatcher()).isSameAs(dispatcher);
            assertThat(c.parts()).containsExactly(part);
            assertThat(c.sentNanos()).isEqualTo(Duration.ofMillis(7).toNanos());
            assertThat(c.result()).isEqualTo(OK);
        });
    }

    @Test
    void aRequestReservedAheadIsHandedToTheClientByTheTimerAShortWhileBeforeItsToken() {
        long wait = Transmitter.HAND_OVER_EARLY.plusMillis(30).toNanos();
        transmitter.send(List.of(part(P0, "u1")), member, wait);
        assertThat(vendor.sent).isEmpty();
        timed.forEach(Runnable::run);
        assertThat(vendor.sent).hasSize(1);
    }

    @Test
    void aSharedTokensRequestIsHandedOverBeforeItAndHeldAtTheWireUntilItFallsDue() throws Exception {
        ApiLimiter shared = new ApiLimiter("member", 100, new Slotted(new LocalTokens(100, clock)), clock);
        Transmitter slotted = new Transmitter(dispatcher, new DispatchRoute("r", vendor, Map.of("group",
                new ApiLimiter("group", 100, clock), "member", shared, "mute", new ApiLimiter("mute", 100, clock))),
                wiring(), clock);
        long start = clock.nanoTime();
        long wait = Duration.ofMillis(12).toNanos();
        slotted.send(List.of(part(P0, "u1")), shared, wait);
        assertThat(vendor.sent).as("due within the hand-over: given to the client now").hasSize(1);
        vendor.sent.get(0).gate().pass("member", false);
        assertThat(clock.nanoTime() - start).as("written when its token fell due, not before").isEqualTo(wait);
    }

    @Test
    void aLocalTokensRequestIsHandedOverWhenItFallsDue() {
        transmitter.send(List.of(part(P0, "u1")), member, Duration.ofMillis(12).toNanos());
        assertThat(vendor.sent).isEmpty();
        timed.forEach(Runnable::run);
        assertThat(vendor.sent).hasSize(1);
    }

    /** A local bucket whose tokens are slots, as a shared one's are. */
    private record Slotted(LocalTokens local) implements TokenSource {
        @Override
        public long take(long horizonNanos) {
            return local.take(horizonNanos);
        }

        @Override
        public long nextDueNanos() {
            return local.nextDueNanos();
        }

        @Override
        public void charge(long tokens) {
            local.charge(tokens);
        }

        @Override
        public long lateNanos() {
            return Duration.ofMillis(5).toNanos();
        }

        @Override
        public int refillPerSecond() {
            return local.refillPerSecond();
        }
    }

    @Test
    void severalCallsGoAsTheVendorsBatch() {
        transmitter.send(List.of(part(P0, "u1"), part(P0, "u2")), member, 0);
        assertThat(vendor.sent).singleElement().satisfies(s -> assertThat(s.call().redacted())
                .isEqualTo("g/member:u1:Patch{NAME_CARD=n} + g/member:u2:Patch{NAME_CARD=n}"));
    }

    @Test
    void callsOfKeysDroppedBeforeTheTokenFellDueAreLeftOutAndAnsweredForThemselves() {
        Completion.Part dropped = part(P0, "u1");
        Completion.Part live = part(P1, "u2");
        coalescer.drop(List.of(P0));
        transmitter.send(List.of(dropped, live), member, 0);
        assertThat(vendor.sent).singleElement().satisfies(s -> assertThat(s.call()).isSameAs(live.call()));
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.parts()).containsExactly(dropped);
            assertThat(c.result().outcome()).isEqualTo(CallClass.TRANSIENT);
            assertThat(Transmitter.leftOut(c.result())).as("the request itself is still in flight").isTrue();
        });
    }

    @Test
    void aRequestWhoseKeysWereAllDroppedIsNotSent() {
        Completion.Part dropped = part(P0, "u1");
        coalescer.drop(List.of(P0));
        transmitter.send(List.of(dropped), member, 0);
        assertThat(vendor.sent).isEmpty();
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.result().outcome()).isEqualTo(CallClass.TRANSIENT);
            assertThat(Transmitter.leftOut(c.result())).as("this answer ends the request").isFalse();
        });
    }

    @Test
    void nothingIsSentWhileAThrottlingAnswerPausesTheApi() {
        member.throttled(Duration.ofSeconds(1), clock.nanoTime());
        transmitter.send(List.of(part(P0, "u1")), member, 0);
        assertThat(vendor.sent).isEmpty();
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.result().outcome()).isEqualTo(CallClass.THROTTLED);
            assertThat(Transmitter.heldBackByPause(c.result())).isTrue();
        });
    }

    @Test
    void aRequestThatGotNoAnswerComesBackAsATransientFailure() {
        transmitter.send(List.of(part(P0, "u1")), member, 0);
        vendor.sent.get(0).answer().completeExceptionally(new IOException("connection reset"));
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.result().outcome()).isEqualTo(CallClass.TRANSIENT);
            assertThat(c.result().failure()).isEqualTo(IOException.class.getName());
            assertThat(Transmitter.heldBackByPause(c.result())).isFalse();
        });
    }

    private Completion.Part part(TopicPartition partition, String memberId) {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "n");
        PendingWork work = edit(partition, "g", Target.member(memberId), patch).orElseThrow();
        String body = "g/member:" + memberId + ":" + patch;
        VendorCall call = new VendorCall("member", Set.of(Field.NAME_CARD), new byte[0], body, "text/plain");
        return new Completion.Part(work, work.dispatchSeq(), call, List.of());
    }
}
