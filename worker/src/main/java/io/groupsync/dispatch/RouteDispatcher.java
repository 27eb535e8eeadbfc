package io.groupsync.dispatch;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.config.DispatchConfig;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends one route's ready keys to its vendor: in first-dirty order, one queue per vendor API so that a spent API
 * does not hold up another ({@link DispatchQueues}), within each API's bucket, batched where the vendor allows
 * ({@link BatchAssembler}), at most one dispatch in flight per key and a cap on requests in flight for the route
 * ({@link Transmitter}). Answers come back as {@link Completion}s on the pipeline thread, and {@link AnswerPolicy}
 * decides what each key does next. Owned by the pipeline thread; only the sending runs elsewhere, and it only hands
 * the answer over.
 */
public final class RouteDispatcher {

    private final DispatchRoute route;
    private final DispatchConfig config;
    private final DispatchWiring wiring;
    private final Clock clock;
    private final DispatchQueues queues;
    private final BatchAssembler assembler;
    private final Transmitter transmitter;
    /** Keys with a call in flight (sent, or reserved and waiting for its token). */
    private final Set<PendingWork> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Requests in flight, a batch counting once: what the in-flight cap limits. */
    private int requestsInFlight;

    public RouteDispatcher(DispatchRoute route, DispatchConfig config, DispatchWiring wiring, Clock clock) {
        this.route = route;
        this.config = config;
        this.wiring = wiring;
        this.clock = clock;
        this.queues = new DispatchQueues(route.name(), route.limiters().keySet(), wiring.hold());
        this.assembler = new BatchAssembler(route.client(), queues, wiring.coalescer(), clock, this::unplannable);
        this.transmitter = new Transmitter(this, route, wiring, clock);
    }

    public String route() {
        return route.name();
    }

    public VendorClient client() {
        return route.client();
    }

    public Map<String, ApiLimiter> limiters() {
        return route.limiters();
    }

    /** Queues a key that just became ready. */
    public void enqueue(PendingWork work) {
        queues.add(route.client().firstApi(work.key().target(), work.waitingPatch()), Ticket.start(work));
    }

    /**
     * Sends what the buckets and the in-flight cap allow now, moves due retries back into the queues, and lets go
     * of the keys of partitions that have read their backlog.
     */
    public void pump() {
        queues.release();
        for (PendingWork work : queues.dueRetries(clock.nanoTime())) {
            work.retryDue();
            enqueue(work);
        }
        queues.apis().forEach(this::pump);
    }

    private void pump(String api) {
        ApiLimiter limiter = route.limiters().get(api);
        while (requestsInFlight < config.maxInFlightPerRoute() && assembler.hasNext(api)) {
            long wait = limiter.reserve(wiring.reserveAhead().toNanos());
            if (wait < 0) {
                return;
            }
            List<Completion.Part> parts = assembler.assemble(api);
            if (parts.isEmpty()) {
                continue;
            }
            parts.forEach(p -> inFlight.add(p.work()));
            requestsInFlight++;
            transmitter.send(parts, limiter, wait);
        }
    }

    /**
     * A client that cannot build a request for a merged patch has a bug; the events fail now, dead-lettered with
     * the failure (replayable once it is fixed), rather than crash the worker again on every restart.
     */
    private void unplannable(PendingWork work, String api, RuntimeException e) {
        CallResult result = new CallResult(CallClass.PERMANENT, null, null,
                "could not build the request: " + e, null, e.getClass().getName());
        VendorCall none = new VendorCall(api, Set.of(), new byte[0], "(no request: building it failed)", "");
        fail(work, none, DeadLetterReason.VENDOR_PERMANENT, result);
    }

    /** Acts on an answer; runs on the pipeline thread. */
    public void complete(Completion done) {
        CallResult result = done.result();
        if (!Transmitter.leftOut(result)) {
            requestsInFlight--;
        }
        done.parts().forEach(p -> inFlight.remove(p.work()));
        report(done);
        // Answers for a key dropped with its partition, or for a dispatch it no longer has, change nothing.
        List<Completion.Part> live = done.parts().stream().filter(RouteDispatcher::current).toList();
        ApiLimiter limiter = null;
        if (result.outcome() == CallClass.THROTTLED) {
            limiter = route.limiters().get(done.sent().api());
            if (!Transmitter.heldBackByPause(result)) {
                limiter.throttled(result.retryAfter(), done.sentNanos());
            }
        }
        for (Completion.Part part : live) {
            AnswerPolicy.Share share = new AnswerPolicy.Share(done.parts().size(), part.remaining().isEmpty(),
                    part.work().failedAttempts());
            apply(part, AnswerPolicy.decide(result, share, config, wiring.backoff(), clock.nanoTime()), result, limiter);
        }
    }

    /** Tells the metrics what the vendor answered, or why the worker held the calls back. */
    private void report(Completion done) {
        DispatchMetrics.HeldBack heldBack = Transmitter.heldBack(done.result());
        if (heldBack != null) {
            wiring.metrics().heldBack(route.name(), done.sent().api(), heldBack);
            return;
        }
        Completion.Part first = done.parts().get(0);
        wiring.metrics().answered(new DispatchMetrics.Answer(route.name(), done.sent().api(), done.result(),
                first.work().key().groupId(), current(first) ? first.work().sendingEvents().get(0).eventId() : null,
                dispatchId(first.dispatchSeq())));
    }

    /** Whether the key still has the dispatch this part was for: not dropped with its partition, not redone. */
    private static boolean current(Completion.Part part) {
        return !part.work().isDropped() && part.work().dispatchSeq() == part.dispatchSeq();
    }

    private void apply(Completion.Part part, Decision decision, CallResult result, ApiLimiter limiter) {
        PendingWork work = part.work();
        if (decision instanceof Decision.NextCall) {
            List<VendorCall> rest = part.remaining();
            queues.add(rest.get(0).api(), Ticket.next(work, part.dispatchSeq(), rest));
        } else if (decision instanceof Decision.Applied) {
            wiring.sink().applied(work.key(), work.sendingEvents(), work.sendingPatch(), info(work, result));
            finish(work);
        } else if (decision instanceof Decision.RetryAt retry) {
            retry(work, retry.atNanos(), retry.countsAsAttempt());
        } else if (decision instanceof Decision.RetryWhenAdmitted) {
            retry(work, limiter.nextAdmissionNanos(), false);
        } else if (decision instanceof Decision.Split split) {
            work.markSolo();
            retry(work, split.atNanos(), false);
        } else if (decision instanceof Decision.DeadLetter dead) {
            fail(work, part.call(), dead.reason(), result);
        }
    }

    private void retry(PendingWork work, long atNanos, boolean countsAsAttempt) {
        work.retryLater(atNanos, countsAsAttempt);
        queues.backOff(work);
    }

    private void fail(PendingWork work, VendorCall call, DeadLetterReason reason, CallResult result) {
        wiring.sink().failed(work.key(), work.sendingEvents(), call, reason, info(work, result));
        finish(work);
    }

    private void finish(PendingWork work) {
        work.finishDispatch();
        if (work.state() == PendingWork.State.READY) {
            enqueue(work);
        } else {
            wiring.coalescer().forgetIfIdle(work);
        }
    }

    private DispatchInfo info(PendingWork work, CallResult result) {
        return new DispatchInfo(dispatchId(work.dispatchSeq()), work.failedAttempts() + 1,
                work.sendingEvents().size(), result);
    }

    private String dispatchId(long seq) {
        return route.name() + "-" + seq;
    }

    /** When this route next has something to do without being woken by an answer; Long.MAX_VALUE if never. */
    public long nextWakeNanos() {
        long next = queues.nextRetryNanos();
        if (requestsInFlight < config.maxInFlightPerRoute()) {
            for (String api : queues.apis()) {
                if (queues.hasReady(api)) {
                    next = Math.min(next, route.limiters().get(api)
                            .nextReservationNanos(wiring.reserveAhead().toNanos()));
                }
            }
        }
        return next;
    }

    /** Calls in flight for keys of these partitions. */
    public int inFlight(Collection<TopicPartition> partitions) {
        return (int) inFlight.stream().filter(w -> partitions.contains(w.partition())).count();
    }

    public int inFlight() {
        return requestsInFlight;
    }

    /** Waiting for a token, a retry or the end of a backlog: the keys' works, for the dispatcher's gauges. */
    public int queued() {
        return queues.size();
    }

    /** Forgets queue entries of dropped keys eagerly, so a revoked partition's keys do not linger in memory. */
    public void purgeDropped() {
        queues.purgeDropped();
    }
}
