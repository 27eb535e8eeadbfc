package io.groupsync.dispatch;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.WireGate;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one route's assembled requests when their tokens fall due, now or from the timer, and hands every answer to
 * the pipeline thread as a {@link Completion}. Calls of keys dropped meanwhile are left out, and nothing is sent
 * while a throttling answer pauses the API; such calls come back with an answer that says so, and the pipeline
 * thread acts on it like on any other. Each HTTP request then passes the route's wire gate as it is written.
 */
final class Transmitter {

    private static final CallResult NOT_SENT_DROPPED = new CallResult(CallClass.TRANSIENT, null, null,
            "not sent: the key's partition was revoked before its token fell due", null, null);
    /** Like NOT_SENT_DROPPED, for calls left out of a batch that still went: the request is not over. */
    private static final CallResult LEFT_OUT_DROPPED = new CallResult(CallClass.TRANSIENT, null, null,
            "left out of its batch: the key's partition was revoked before its token fell due", null, null);
    private static final CallResult NOT_SENT_PAUSED = new CallResult(CallClass.THROTTLED, null, null,
            "not sent: the vendor asked to slow down before this call's token fell due", null, null);

    private final RouteDispatcher dispatcher;
    private final DispatchRoute route;
    /**
     * How long before its shared token falls due a request is handed to OkHttp. A call written past its slot takes a
     * fresh token, and handed over on time, a third of a 3-instance drain's calls were (the timer and OkHttp's threads
     * scheduled late on a loaded machine).
     */
    static final Duration HAND_OVER_EARLY = Duration.ofMillis(20);

    private final DispatchWiring wiring;
    private final Clock clock;

    /** @param dispatcher named in each completion, so the pipeline hands the answer back to it */
    Transmitter(RouteDispatcher dispatcher, DispatchRoute route, DispatchWiring wiring, Clock clock) {
        this.dispatcher = dispatcher;
        this.route = route;
        this.wiring = wiring;
        this.clock = clock;
    }

    /** Whether the answer is for calls left out of a request that went all the same, and answers for itself. */
    static boolean leftOut(CallResult result) {
        return result == LEFT_OUT_DROPPED;
    }

    /** Whether the answer is the API's pause holding a call back, not the vendor throttling it. */
    static boolean heldBackByPause(CallResult result) {
        return result == NOT_SENT_PAUSED;
    }

    /** Why the answer's calls were not sent, or null when they were and the answer is the vendor's. */
    static DispatchMetrics.HeldBack heldBack(CallResult result) {
        if (result == NOT_SENT_PAUSED) {
            return DispatchMetrics.HeldBack.PAUSED;
        }
        return result == NOT_SENT_DROPPED || result == LEFT_OUT_DROPPED ? DispatchMetrics.HeldBack.REVOKED : null;
    }

    /**
     * Sends the request when its token falls due, {@code waitNanos} from now, from the timer. A shared token is handed
     * to OkHttp {@link #HAND_OVER_EARLY} before that and held at the wire gate until the moment itself, so that the
     * timer's and OkHttp's own delays under load do not make it late for its slot. A local one is handed over on
     * time: a late call costs it nothing (the process's sliding log bounds it), so it holds no OkHttp thread early.
     */
    void send(List<Completion.Part> parts, ApiLimiter limiter, long waitNanos) {
        long dueNanos = clock.nanoTime() + waitNanos;
        long handOver = waitNanos - (limiter.keepsSlots() ? HAND_OVER_EARLY.toNanos() : 0);
        if (handOver <= 0) {
            transmit(parts, limiter, dueNanos);
        } else {
            wiring.timer().schedule(() -> transmit(parts, limiter, dueNanos), handOver);
        }
    }

    /** On the pipeline thread or the timer's. */
    private void transmit(List<Completion.Part> parts, ApiLimiter limiter, long dueNanos) {
        List<Completion.Part> live = parts.stream().filter(p -> !p.work().isDropped()).toList();
        if (live.size() < parts.size()) {
            List<Completion.Part> dropped = parts.stream().filter(p -> p.work().isDropped()).toList();
            answer(dropped, dropped.get(0).call(), clock.nanoTime(), live.isEmpty() ? NOT_SENT_DROPPED
                    : LEFT_OUT_DROPPED);
            if (live.isEmpty()) {
                return;
            }
        }
        VendorCall request = live.size() == 1 ? live.get(0).call()
                : route.client().batch(live.stream().map(Completion.Part::call).toList());
        if (limiter.isPaused()) {
            answer(live, request, clock.nanoTime(), NOT_SENT_PAUSED);
            return;
        }
        wiring.metrics().sent(route.name(), request.api());
        long sentNanos = clock.nanoTime();
        AtomicBoolean first = new AtomicBoolean(true);
        WireGate gate = (api, unplanned) -> awaitWire(api, unplanned, dueNanos, first.getAndSet(false));
        route.client().send(request, gate).whenComplete((result, error) -> {
            wiring.metrics().answerTime(route.name(), request.api(), Duration.ofNanos(clock.nanoTime() - sentNanos));
            answer(live, request, sentNanos, error != null ? CallResult.ioFailure(error) : result);
        });
    }

    private void answer(List<Completion.Part> parts, VendorCall sent, long sentNanos, CallResult result) {
        wiring.completions().accept(new Completion(dispatcher, parts, sent, sentNanos, result));
    }

    /**
     * Holds a request to one of the route's APIs until its API's last second has room, right before it is written;
     * an unplanned one until a token of its own is there first. The planned one waits for its token's moment, and if
     * it is the call's first request and comes too late for it, takes a fresh token; one that follows an unplanned
     * request (a read before the write) is late by that request's answer, which the schedule cannot help.
     * Requests to APIs without a limit pass.
     */
    private void awaitWire(String api, boolean unplanned, long dueNanos, boolean firstOfCall)
            throws InterruptedException {
        ApiLimiter limiter = route.limiters().get(api);
        if (limiter != null) {
            long early = unplanned ? 0 : dueNanos - clock.nanoTime();
            if (early > 0) {
                clock.sleep(early);
            }
            if (unplanned || firstOfCall && limiter.tooLateFor(dueNanos)) {
                limiter.awaitToken();
            }
            limiter.awaitSend();
            wiring.metrics().written(route.name(), api, limiter.sentInLastSecond());
        }
    }
}
