package io.groupsync.dispatch;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.coalesce.PendingWork;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.intake.Backlog;
import io.groupsync.time.Clock;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.WireGate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends one route's ready keys to its vendor: in first-dirty order, one queue per vendor API so that a spent API
 * does not hold up another, within each API's bucket, at most one dispatch in flight per key and a cap on calls in
 * flight for the route. Answers come back as {@link Completion}s on the pipeline thread, which retries, gives up
 * or records them. Owned by the pipeline thread; only {@link VendorClient#send}'s callback runs elsewhere, and it
 * only hands the answer over.
 */
public final class RouteDispatcher {

    private static final CallResult NOT_SENT_DROPPED = new CallResult(CallClass.TRANSIENT, null, null,
            "not sent: the key's partition was revoked before its token fell due", null, null);
    /** Like NOT_SENT_DROPPED, for calls left out of a batch that still went: the request is not over. */
    private static final CallResult LEFT_OUT_DROPPED = new CallResult(CallClass.TRANSIENT, null, null,
            "left out of its batch: the key's partition was revoked before its token fell due", null, null);
    private static final CallResult NOT_SENT_PAUSED = new CallResult(CallClass.THROTTLED, null, null,
            "not sent: the vendor asked to slow down before this call's token fell due", null, null);

    /** A key waiting for a token: either to start a dispatch, or to send the next call of one in flight. */
    private record Ticket(PendingWork work, long priority, long dispatchSeq, List<VendorCall> plan) {
        boolean starts() {
            return plan == null;
        }
    }

    private final String route;
    private final VendorClient client;
    private final Map<String, ApiLimiter> limiters;
    private final Map<String, PriorityQueue<Ticket>> ready = new HashMap<>();
    private final PriorityQueue<PendingWork> backingOff =
            new PriorityQueue<>(Comparator.comparingLong(PendingWork::retryAtNanos));
    /** Keys with a call in flight (sent, or reserved and waiting for its token). */
    private final Set<PendingWork> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Requests in flight, a batch counting once: what the in-flight cap limits. */
    private int requestsInFlight;
    private final DispatchSettings settings;
    private final Coalescer coalescer;
    private final OutcomeSink sink;
    private final Consumer<Completion> completions;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final DispatchTimer timer;
    private final Backlog backlog;
    /** Keys whose partition is still reading a backlog, set aside before their first call, in arrival order. */
    private final Map<TopicPartition, List<Held>> held = new HashMap<>();
    /**
     * Holds each request to one of the route's APIs until its API's last second has room, right before it is
     * written, an unplanned one until its own token is there first; requests to APIs without a limit pass.
     */
    private final WireGate wireGate = this::awaitWire;

    public RouteDispatcher(String route, VendorClient client, Map<String, ApiLimiter> limiters,
                           DispatchSettings settings, Coalescer coalescer, OutcomeSink sink,
                           Consumer<Completion> completions, Clock clock, DispatchMetrics metrics,
                           DispatchTimer timer, Backlog backlog) {
        this.route = route;
        this.client = client;
        this.limiters = Map.copyOf(limiters);
        this.settings = settings;
        this.coalescer = coalescer;
        this.sink = sink;
        this.completions = completions;
        this.clock = clock;
        this.metrics = metrics;
        this.timer = timer;
        this.backlog = backlog;
        for (String api : client.apis()) {
            if (!limiters.containsKey(api)) {
                throw new IllegalArgumentException("route " + route + " has no rate limit for API " + api);
            }
        }
        // Every queue exists from the start: pump() iterates them, and a key planned for another API than the one
        // it queued for moves to that API's queue mid-iteration, which must not add to the map.
        limiters.keySet().forEach(api -> ready.put(api,
                new PriorityQueue<>(Comparator.comparingLong(Ticket::priority))));
    }

    public String route() {
        return route;
    }

    public VendorClient client() {
        return client;
    }

    public Map<String, ApiLimiter> limiters() {
        return limiters;
    }

    /** Queues a key that just became ready. */
    public void enqueue(PendingWork work) {
        String api = client.firstApi(work.key().target(), work.waitingPatch());
        queue(api).add(new Ticket(work, work.dirtySeq(), 0, null));
    }

    /**
     * Sends what the buckets and the in-flight cap allow now, moves due retries back into the queues, and lets go
     * of the keys of partitions that have read their backlog.
     */
    public void pump() {
        held.entrySet().removeIf(entry -> {
            if (backlog.holds(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(h -> ready.get(h.api()).add(h.ticket()));
            return true;
        });
        long now = clock.nanoTime();
        while (!backingOff.isEmpty() && backingOff.peek().retryAtNanos() <= now) {
            PendingWork work = backingOff.poll();
            if (!work.isDropped()) {
                work.retryDue();
                enqueue(work);
            }
        }
        for (Map.Entry<String, PriorityQueue<Ticket>> entry : ready.entrySet()) {
            pump(entry.getKey(), entry.getValue());
        }
    }

    private void pump(String api, PriorityQueue<Ticket> queue) {
        ApiLimiter limiter = limiters.get(api);
        while (!queue.isEmpty() && requestsInFlight < settings.maxInFlightPerRoute()) {
            if (headLeft(api, queue)) {
                continue;
            }
            long wait = limiter.reserve(settings.reserveAhead().toNanos());
            if (wait < 0) {
                return;
            }
            Taken taken = take(api, queue);
            if (taken == null) {
                continue;
            }
            Completion.Part first = taken.part();
            List<Completion.Part> parts = new ArrayList<>(List.of(first));
            int max = first.work().isSolo() ? 1 : client.maxBatch(first.call());
            while (parts.size() < max && !queue.isEmpty()) {
                if (headLeft(api, queue)) {
                    continue;
                }
                if (queue.peek().work().isSolo()) {
                    break;
                }
                Taken next = take(api, queue);
                if (next == null || client.maxBatch(next.part().call()) <= 1
                        || !client.batchesWith(first.call(), next.part().call())) {
                    if (next != null) {
                        // Not for this batch: it waits for a token of its own, first in line, and is planned
                        // afresh then, so a mute in it carries the seconds left at that time.
                        requeue(queue, next);
                    }
                    break;
                }
                parts.add(next.part());
            }
            parts.forEach(p -> inFlight.add(p.work()));
            requestsInFlight++;
            if (wait == 0) {
                transmit(parts, limiter);
            } else {
                timer.schedule(() -> transmit(parts, limiter), wait);
            }
        }
    }

    /**
     * Drops the queue's head if its key was dropped, sets it aside if it would start a call while its partition
     * still reads a backlog, or moves it unplanned to another API's queue if edits merged since it was queued made
     * that API go first: a plan is made only when its token is due, so a mute carries fresh seconds. True if the
     * head left the queue.
     */
    private boolean headLeft(String api, PriorityQueue<Ticket> queue) {
        Ticket ticket = queue.peek();
        if (ticket.work().isDropped()) {
            queue.poll();
            return true;
        }
        if (ticket.starts() && backlog.holds(ticket.work().partition())) {
            queue.poll();
            held.computeIfAbsent(ticket.work().partition(), p -> new ArrayList<>()).add(new Held(api, ticket));
            return true;
        }
        if (ticket.starts()) {
            String first = client.firstApi(ticket.work().key().target(), ticket.work().waitingPatch());
            if (!first.equals(api)) {
                queue.poll();
                queue(first).add(ticket);
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the first ticket of the queue and plans it if it starts a dispatch. Null if the plan's first API is
     * another after all (a mute ended between firstApi and the plan, and is now an unmute): it then waits in that
     * API's queue.
     */
    private Taken take(String api, PriorityQueue<Ticket> queue) {
        Ticket ticket = queue.poll();
        List<VendorCall> plan;
        try {
            plan = ticket.starts() ? start(ticket.work()) : ticket.plan();
        } catch (RuntimeException e) {
            unplannable(ticket.work(), api, e);
            return null;
        }
        long seq = ticket.starts() ? ticket.work().dispatchSeq() : ticket.dispatchSeq();
        if (!plan.get(0).api().equals(api)) {
            queue(plan.get(0).api()).add(new Ticket(ticket.work(), ticket.priority(), seq, plan));
            return null;
        }
        return new Taken(new Completion.Part(ticket.work(), seq, plan.get(0), plan.subList(1, plan.size())),
                ticket.starts());
    }

    /** A ticket set aside while its partition reads a backlog, with the queue it goes back to. */
    private record Held(String api, Ticket ticket) {
    }

    /** A ticket taken for sending; {@code started} if taking it started the key's dispatch. */
    private record Taken(Completion.Part part, boolean started) {
    }

    /** Puts a taken ticket back at the head of the queue, a dispatch it started taken back as never started. */
    private static void requeue(PriorityQueue<Ticket> queue, Taken taken) {
        Completion.Part part = taken.part();
        PendingWork work = part.work();
        if (taken.started()) {
            work.unstartDispatch();
            queue.add(new Ticket(work, work.dirtySeq(), 0, null));
        } else {
            List<VendorCall> plan = new ArrayList<>();
            plan.add(part.call());
            plan.addAll(part.remaining());
            queue.add(new Ticket(work, work.dirtySeq(), part.dispatchSeq(), plan));
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

    private List<VendorCall> start(PendingWork work) {
        long seq = coalescer.nextSeq();
        var patch = work.startDispatch(seq);
        return client.plan(work.key().groupId(), work.key().target(), patch, work.context(),
                clock.currentTimeMillis());
    }

    /**
     * A request whose token is due, on the pipeline thread or the timer's. Calls of keys dropped meanwhile are left
     * out, and nothing is sent while a throttling answer pauses the API; such calls come back with an answer that
     * says so, and the pipeline thread acts on it like on any other. Each HTTP request of the call then passes the
     * route's {@link #wireGate} as it is written.
     */
    private void transmit(List<Completion.Part> parts, ApiLimiter limiter) {
        List<Completion.Part> live = parts.stream().filter(p -> !p.work().isDropped()).toList();
        if (live.size() < parts.size()) {
            List<Completion.Part> dropped = parts.stream().filter(p -> p.work().isDropped()).toList();
            completions.accept(new Completion(this, dropped, dropped.get(0).call(), clock.nanoTime(),
                    live.isEmpty() ? NOT_SENT_DROPPED : LEFT_OUT_DROPPED));
            if (live.isEmpty()) {
                return;
            }
        }
        VendorCall request = live.size() == 1 ? live.get(0).call()
                : client.batch(live.stream().map(Completion.Part::call).toList());
        if (limiter.isPaused()) {
            completions.accept(new Completion(this, live, request, clock.nanoTime(), NOT_SENT_PAUSED));
            return;
        }
        metrics.sent(route, request.api());
        long sentNanos = clock.nanoTime();
        client.send(request, wireGate).whenComplete((result, error) -> completions.accept(new Completion(this, live,
                request, sentNanos, error != null ? CallResult.ioFailure(error) : result)));
    }

    private void awaitWire(String api, boolean unplanned) throws InterruptedException {
        ApiLimiter limiter = limiters.get(api);
        if (limiter != null) {
            if (unplanned) {
                limiter.awaitToken();
            }
            limiter.awaitSend();
        }
    }

    /** Acts on an answer; runs on the pipeline thread. */
    public void complete(Completion done) {
        CallResult result = done.result();
        if (result != LEFT_OUT_DROPPED) {
            requestsInFlight--;
        }
        done.parts().forEach(p -> inFlight.remove(p.work()));
        metrics.answered(route, done.sent().api(), result.outcome());
        List<Completion.Part> live = done.parts().stream()
                .filter(p -> !p.work().isDropped() && p.work().dispatchSeq() == p.dispatchSeq()).toList();
        switch (result.outcome()) {
            case OK -> live.forEach(p -> succeeded(p, result));
            case THROTTLED -> {
                ApiLimiter limiter = limiters.get(done.sent().api());
                if (result != NOT_SENT_PAUSED) {
                    limiter.throttled(result.retryAfter(), done.sentNanos());
                }
                live.forEach(p -> retry(p.work(), limiter.nextAdmissionNanos(), false));
            }
            case TRANSIENT -> live.forEach(p -> {
                int attempts = p.work().failedAttempts() + 1;
                if (attempts >= settings.maxAttempts()) {
                    fail(p.work(), p.call(), DeadLetterReason.RETRIES_EXHAUSTED, result);
                } else {
                    retry(p.work(), clock.nanoTime() + settings.backoff().delay(attempts).toNanos(), true);
                }
            });
            case PERMANENT -> {
                if (done.parts().size() > 1) {
                    // The vendor refused the batch as a whole: find the bad call by sending each on its own.
                    live.forEach(p -> {
                        p.work().markSolo();
                        retry(p.work(), clock.nanoTime(), false);
                    });
                } else {
                    live.forEach(p -> fail(p.work(), p.call(), DeadLetterReason.VENDOR_PERMANENT, result));
                }
            }
        }
    }

    private void succeeded(Completion.Part part, CallResult result) {
        PendingWork work = part.work();
        if (!part.remaining().isEmpty()) {
            List<VendorCall> rest = part.remaining();
            queue(rest.get(0).api()).add(new Ticket(work, work.dirtySeq(), part.dispatchSeq(), rest));
            return;
        }
        sink.applied(work.key(), work.sendingEvents(), work.sendingSuperseded(), info(work, result));
        finish(work);
    }

    private void retry(PendingWork work, long atNanos, boolean countsAsAttempt) {
        work.retryLater(atNanos, countsAsAttempt);
        backingOff.add(work);
    }

    private void fail(PendingWork work, VendorCall call, DeadLetterReason reason, CallResult result) {
        sink.failed(work.key(), work.sendingEvents(), call, reason, info(work, result));
        finish(work);
    }

    private void finish(PendingWork work) {
        work.finishDispatch();
        if (work.state() == PendingWork.State.READY) {
            enqueue(work);
        } else {
            coalescer.forgetIfIdle(work);
        }
    }

    private DispatchInfo info(PendingWork work, CallResult result) {
        return new DispatchInfo(route + "-" + work.dispatchSeq(), work.failedAttempts() + 1,
                work.sendingEvents().size(), result);
    }

    /** When this route next has something to do without being woken by an answer; Long.MAX_VALUE if never. */
    public long nextWakeNanos() {
        long next = backingOff.isEmpty() ? Long.MAX_VALUE : backingOff.peek().retryAtNanos();
        if (requestsInFlight < settings.maxInFlightPerRoute()) {
            for (Map.Entry<String, PriorityQueue<Ticket>> entry : ready.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    next = Math.min(next, limiters.get(entry.getKey())
                            .nextReservationNanos(settings.reserveAhead().toNanos()));
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
        return ready.values().stream().mapToInt(PriorityQueue::size).sum() + backingOff.size()
                + held.values().stream().mapToInt(List::size).sum();
    }

    /** Forgets queue entries of dropped keys eagerly, so a revoked partition's keys do not linger in memory. */
    public void purgeDropped() {
        ready.values().forEach(q -> q.removeIf(t -> t.work().isDropped()));
        backingOff.removeIf(PendingWork::isDropped);
        held.values().forEach(tickets -> tickets.removeIf(h -> h.ticket().work().isDropped()));
        held.values().removeIf(List::isEmpty);
    }

    private PriorityQueue<Ticket> queue(String api) {
        if (!limiters.containsKey(api)) {
            throw new IllegalStateException("route " + route + " planned a call to " + api + " with no rate limit");
        }
        return ready.get(api);
    }
}
