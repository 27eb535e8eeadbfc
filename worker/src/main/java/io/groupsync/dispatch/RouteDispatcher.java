package io.groupsync.dispatch;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.coalesce.PendingWork;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.time.Clock;
import io.groupsync.vendor.CallClass;
import io.groupsync.vendor.CallResult;
import io.groupsync.vendor.VendorCall;
import io.groupsync.vendor.VendorClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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

    /** A key waiting for a token: either to start a dispatch, or to send the next call of one in flight. */
    private static final CallResult NOT_SENT_DROPPED = new CallResult(CallClass.TRANSIENT, null, null,
            "not sent: the key's partition was revoked before its token fell due", null, null);
    private static final CallResult NOT_SENT_PAUSED = new CallResult(CallClass.THROTTLED, null, null,
            "not sent: the vendor asked to slow down before this call's token fell due", null, null);

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
    private final Set<PendingWork> inFlight = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final DispatchSettings settings;
    private final Coalescer coalescer;
    private final OutcomeSink sink;
    private final Consumer<Completion> completions;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final DispatchTimer timer;

    public RouteDispatcher(String route, VendorClient client, Map<String, ApiLimiter> limiters,
                           DispatchSettings settings, Coalescer coalescer, OutcomeSink sink,
                           Consumer<Completion> completions, Clock clock, DispatchMetrics metrics,
                           DispatchTimer timer) {
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
        for (String api : client.apis()) {
            if (!limiters.containsKey(api)) {
                throw new IllegalArgumentException("route " + route + " has no rate limit for API " + api);
            }
        }
        // Every queue exists from the start: a key moving to another API's queue while pump() walks the queues
        // must not add to the map being walked.
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

    /** Sends what the buckets and the in-flight cap allow now, and moves due retries back into the queues. */
    public void pump() {
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
        while (!queue.isEmpty() && inFlight.size() < settings.maxInFlightPerRoute()) {
            Ticket ticket = queue.peek();
            if (ticket.work().isDropped()) {
                queue.poll();
                continue;
            }
            if (ticket.starts()) {
                // Edits merged since the key was queued may change which API goes first. It waits in that API's
                // queue unplanned: a plan is made only when its token is due, so a mute carries fresh seconds.
                String first = client.firstApi(ticket.work().key().target(), ticket.work().waitingPatch());
                if (!first.equals(api)) {
                    queue.poll();
                    queue(first).add(ticket);
                    continue;
                }
            }
            long wait = limiter.reserve(settings.reserveAhead().toNanos());
            if (wait < 0) {
                return;
            }
            queue.poll();
            List<VendorCall> plan = ticket.starts() ? start(ticket.work()) : ticket.plan();
            long seq = ticket.starts() ? ticket.work().dispatchSeq() : ticket.dispatchSeq();
            if (!plan.get(0).api().equals(api)) {
                // The first API changed between firstApi and the plan, e.g. a mute ended meanwhile and is now an
                // unmute, which carries no time: wait in that API's queue.
                queue(plan.get(0).api()).add(new Ticket(ticket.work(), ticket.priority(), seq, plan));
                continue;
            }
            PendingWork work = ticket.work();
            VendorCall call = plan.get(0);
            List<VendorCall> rest = plan.subList(1, plan.size());
            inFlight.add(work);
            if (wait == 0) {
                transmit(work, seq, call, rest, limiter);
            } else {
                timer.schedule(() -> transmit(work, seq, call, rest, limiter), wait);
            }
        }
    }

    private List<VendorCall> start(PendingWork work) {
        long seq = coalescer.nextSeq();
        var patch = work.startDispatch(seq);
        return client.plan(work.key().groupId(), work.key().target(), patch, work.context(),
                clock.currentTimeMillis());
    }

    /**
     * A call whose token is due, on the pipeline thread or the timer's. If the key was dropped meanwhile, or a
     * throttling answer paused the API, it is not sent; its answer says so and the pipeline thread acts on it like
     * on any other. If the last second already holds as many sends as the bucket allows, it waits its turn.
     */
    private void transmit(PendingWork work, long seq, VendorCall call, List<VendorCall> remaining,
                                  ApiLimiter limiter) {
        if (work.isDropped()) {
            completions.accept(new Completion(this, work, seq, call, remaining, NOT_SENT_DROPPED));
            return;
        }
        if (limiter.isPaused()) {
            completions.accept(new Completion(this, work, seq, call, remaining, NOT_SENT_PAUSED));
            return;
        }
        long hold = limiter.admitSend();
        if (hold > 0) {
            timer.schedule(() -> transmit(work, seq, call, remaining, limiter), hold);
            return;
        }
        metrics.sent(route, call.api());
        client.send(call).whenComplete((result, error) -> completions.accept(new Completion(this, work, seq, call,
                remaining, error != null ? CallResult.ioFailure(error) : result)));
    }

    /** Acts on an answer; runs on the pipeline thread. */
    public void complete(Completion done) {
        PendingWork work = done.work();
        inFlight.remove(work);
        CallResult result = done.result();
        metrics.answered(route, done.call().api(), result.outcome());
        if (work.isDropped() || work.dispatchSeq() != done.dispatchSeq()) {
            return;
        }
        switch (result.outcome()) {
            case OK -> {
                if (!done.remaining().isEmpty()) {
                    List<VendorCall> rest = done.remaining();
                    queue(rest.get(0).api()).add(new Ticket(work, work.dirtySeq(), done.dispatchSeq(), rest));
                    return;
                }
                sink.applied(work, work.sendingEvents(), work.sendingSuperseded(), info(work, result));
                finish(work);
            }
            case THROTTLED -> {
                ApiLimiter limiter = limiters.get(done.call().api());
                if (result != NOT_SENT_PAUSED) {
                    limiter.throttled(result.retryAfter());
                }
                retry(work, limiter.nextAdmissionNanos(), false);
            }
            case TRANSIENT -> {
                int attempts = work.failedAttempts() + 1;
                if (attempts >= settings.maxAttempts()) {
                    fail(work, done.call(), DeadLetterReason.RETRIES_EXHAUSTED, result);
                } else {
                    retry(work, clock.nanoTime() + settings.backoff().delay(attempts).toNanos(), true);
                }
            }
            case PERMANENT -> fail(work, done.call(), DeadLetterReason.VENDOR_PERMANENT, result);
        }
    }

    private void retry(PendingWork work, long atNanos, boolean countsAsAttempt) {
        work.retryLater(atNanos, countsAsAttempt);
        backingOff.add(work);
    }

    private void fail(PendingWork work, VendorCall call, DeadLetterReason reason, CallResult result) {
        sink.failed(work, work.sendingEvents(), call, reason, info(work, result));
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
        if (inFlight.size() < settings.maxInFlightPerRoute()) {
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
        return inFlight.size();
    }

    /** Waiting for a token or a retry: the keys' works, for the dispatcher's gauges. */
    public int queued() {
        return ready.values().stream().mapToInt(PriorityQueue::size).sum() + backingOff.size();
    }

    /** Forgets queue entries of dropped keys eagerly, so a revoked partition's keys do not linger in memory. */
    public void purgeDropped() {
        ready.values().forEach(q -> q.removeIf(t -> t.work().isDropped()));
        backingOff.removeIf(PendingWork::isDropped);
    }

    private PriorityQueue<Ticket> queue(String api) {
        PriorityQueue<Ticket> queue = ready.get(api);
        if (queue == null) {
            throw new IllegalStateException("route " + route + " planned a call to " + api + " with no rate limit");
        }
        return queue;
    }

    /** For a test's look at the order keys leave in. */
    List<String> queuedKeys(String api) {
        List<Ticket> tickets = new ArrayList<>(queue(api));
        tickets.sort(Comparator.comparingLong(Ticket::priority));
        return tickets.stream().map(t -> t.work().key().toString()).toList();
    }
}
