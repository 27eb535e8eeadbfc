package io.groupsync.dispatch;

import io.groupsync.coalesce.PendingWork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one route's keys wait while no call of theirs is in flight: ready for a token, one queue per API in
 * first-dirty order so that a spent API does not hold up another; held, per partition in arrival order, while their
 * partition reads a backlog; or backing off until their retry is due. Owned by the pipeline thread.
 */
final class DispatchQueues {

    /** A ticket set aside while its partition reads a backlog, with the queue it goes back to. */
    private record Held(String api, Ticket ticket) {
    }

    private final String route;
    private final PartitionHold hold;
    private final Map<String, PriorityQueue<Ticket>> ready = new HashMap<>();
    private final Map<TopicPartition, List<Held>> held = new HashMap<>();
    private final PriorityQueue<PendingWork> backingOff =
            new PriorityQueue<>(Comparator.comparingLong(PendingWork::retryAtNanos));

    DispatchQueues(String route, Collection<String> apis, PartitionHold hold) {
        this.route = route;
        this.hold = hold;
        // Every queue exists from the start: the dispatcher iterates them, and a key planned for another API than
        // the one it queued for moves to that API's queue mid-iteration, which must not add to the map.
        apis.forEach(api -> ready.put(api, new PriorityQueue<>(Comparator.comparingLong(Ticket::priority))));
    }

    /** The APIs, in the order the dispatcher pumps them. */
    Set<String> apis() {
        return ready.keySet();
    }

    void add(String api, Ticket ticket) {
        queue(api).add(ticket);
    }

    boolean hasReady(String api) {
        return !ready.get(api).isEmpty();
    }

    /**
     * The first ticket of the API's queue that may go now, or null: tickets of dropped keys are discarded on the
     * way, and those that would start a call while their partition is held are set aside.
     */
    Ticket head(String api) {
        PriorityQueue<Ticket> queue = ready.get(api);
        for (Ticket ticket = queue.peek(); ticket != null; ticket = queue.peek()) {
            if (ticket.work().isDropped()) {
                queue.poll();
            } else if (ticket.starts() && hold.holds(ticket.work().partition())) {
                queue.poll();
                held.computeIfAbsent(ticket.work().partition(), p -> new ArrayList<>()).add(new Held(api, ticket));
            } else {
                return ticket;
            }
        }
        return null;
    }

    Ticket poll(String api) {
        return ready.get(api).poll();
    }

    /** Puts the held tickets of partitions the hold let go of back into their queues. */
    void release() {
        held.entrySet().removeIf(entry -> {
            if (hold.holds(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(h -> ready.get(h.api()).add(h.ticket()));
            return true;
        });
    }

    /** Waits for the key's retry, due at its {@link PendingWork#retryAtNanos()}. */
    void backOff(PendingWork work) {
        backingOff.add(work);
    }

    /** Takes the keys whose retry is due, dropped ones left out. */
    List<PendingWork> dueRetries(long nowNanos) {
        List<PendingWork> due = new ArrayList<>();
        while (!backingOff.isEmpty() && backingOff.peek().retryAtNanos() <= nowNanos) {
            PendingWork work = backingOff.poll();
            if (!work.isDropped()) {
                due.add(work);
            }
        }
        return due;
    }

    /** When the next retry is due; Long.MAX_VALUE if none waits. */
    long nextRetryNanos() {
        return backingOff.isEmpty() ? Long.MAX_VALUE : backingOff.peek().retryAtNanos();
    }

    /** Every ticket and key waiting, ready, held or backing off. */
    int size() {
        return ready.values().stream().mapToInt(PriorityQueue::size).sum() + backingOff.size()
                + held.values().stream().mapToInt(List::size).sum();
    }

    /** Forgets what dropped keys left here eagerly, so a revoked partition's keys do not linger in memory. */
    void purgeDropped() {
        ready.values().forEach(q -> q.removeIf(t -> t.work().isDropped()));
        backingOff.removeIf(PendingWork::isDropped);
        held.values().forEach(tickets -> tickets.removeIf(h -> h.ticket().work().isDropped()));
        held.values().removeIf(List::isEmpty);
    }

    private PriorityQueue<Ticket> queue(String api) {
        PriorityQueue<Ticket> queue = ready.get(api);
        if (queue == null) {
            throw new IllegalStateException("route " + route + " planned a call to " + api + " with no rate limit");
        }
        return queue;
    }
}
