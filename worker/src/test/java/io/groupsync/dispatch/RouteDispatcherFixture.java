package io.groupsync.dispatch;

import io.groupsync.model.SentPatch;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.coalesce.Coalescer;
import io.groupsync.coalesce.PendingWork;
import io.groupsync.config.DispatchConfig;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.PendingKey;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What the dispatcher's tests share: a dispatcher on a manual clock with a fake vendor client whose answers the test
 * gives, a timer that only collects what it is asked to run, and the outcomes each event ended with.
 */
abstract class RouteDispatcherFixture {

    static final TopicPartition P0 = new TopicPartition("in", 0);
    static final CallResult OK = CallResult.ok(0, 200);
    static final CallResult BOOM = new CallResult(CallClass.TRANSIENT, 10002, 200, "internal", null, null);

    final ManualClock clock = new ManualClock();
    final Coalescer coalescer = new Coalescer(new AppliedVersions(Duration.ofDays(1), clock));
    final FakeVendorClient vendor = new FakeVendorClient();
    final List<Completion> completions = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    long offset;
    Duration reserveAhead = Duration.ZERO;
    DispatchMetrics metrics = DispatchMetrics.NONE;
    final List<Runnable> timed = new ArrayList<>();
    final DispatchTimer timer = (task, delayNanos) -> timed.add(task);

    final OutcomeSink sink = new OutcomeSink() {
        @Override
        public void applied(PendingKey key, List<CoveredEvent> events, SentPatch sent, DispatchInfo info) {
            events.forEach(e -> outcomes.add("applied " + e.eventId() + " attempts=" + info.attempts()
                    + (sent.superseded(e) ? " stale" : "")));
        }

        @Override
        public void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                           DispatchInfo info) {
            events.forEach(e -> outcomes.add("failed " + e.eventId() + " " + reason + " attempts=" + info.attempts()));
        }
    };

    RouteDispatcher dispatcher(int limit, int maxInFlight, int maxAttempts) {
        Map<String, ApiLimiter> limiters = Map.of(
                "group", new ApiLimiter("group", limit, clock),
                "member", new ApiLimiter("member", limit, clock),
                "mute", new ApiLimiter("mute", limit, clock));
        DispatchConfig config = DispatchConfig.defaults().withMaxInFlightPerRoute(maxInFlight)
                .withMaxAttempts(maxAttempts);
        return new RouteDispatcher(new DispatchRoute("r", vendor, limiters), config, wiring(), clock);
    }

    /** Backoff without jitter: 100 ms, doubling up to 10 s. */
    DispatchWiring wiring() {
        Backoff backoff = Backoff.of(DispatchConfig.defaults().withBackoff(Duration.ofMillis(100),
                Duration.ofSeconds(10)), () -> 1.0);
        return new DispatchWiring(coalescer, hold(), sink, completions::add, timer, reserveAhead, backoff,
                metrics);
    }

    /** Which partitions' keys wait before their first call: none, unless a test says otherwise. */
    PartitionHold hold() {
        return partition -> false;
    }

    long now() {
        return clock.currentTimeMillis();
    }

    void offer(RouteDispatcher route, String group, Patch patch) {
        offer(route, group, Target.group(), patch);
    }

    void offer(RouteDispatcher route, String group, Target target, Patch patch) {
        offer(route, P0, group, target, patch);
    }

    void offer(RouteDispatcher route, TopicPartition partition, String group, Target target, Patch patch) {
        edit(partition, group, target, patch).ifPresent(route::enqueue);
    }

    /** Hands one edit to the coalescer: the key's work if the key just became ready. */
    Optional<PendingWork> edit(TopicPartition partition, String group, Target target, Patch patch) {
        long at = ++offset;
        SourceRecord source = new SourceRecord(partition.topic(), partition.partition(), at, at, new byte[0],
                new byte[0], new RecordHeaders(), at);
        CoveredEvent event = new CoveredEvent("e" + at, at, source, patch.fields(target.kind()), Map.of());
        PendingKey key = new PendingKey("r", group, target);
        return coalescer.offer(key, partition, event, coalescer.admit(key, event, patch), PlanContext.NONE);
    }

    void answer(int index, CallResult result) {
        vendor.sent.get(index).answer().complete(result);
        deliver();
    }

    void answerAll(CallResult result) {
        vendor.sent.forEach(s -> s.answer().complete(result));
        deliver();
    }

    void deliver() {
        List<Completion> now = new ArrayList<>(completions);
        completions.clear();
        now.forEach(c -> c.dispatcher().complete(c));
    }
}
