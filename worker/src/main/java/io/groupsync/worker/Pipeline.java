package io.groupsync.worker;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.dispatch.Completion;
import io.groupsync.dispatch.RouteDispatcher;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.intake.Backlog;
import io.groupsync.intake.Decoded;
import io.groupsync.intake.EventDecoder;
import io.groupsync.intake.IntakeValve;
import io.groupsync.intake.RouteDecision;
import io.groupsync.intake.RouteSplit;
import io.groupsync.model.Edit;
import io.groupsync.model.SourceRecord;
import io.groupsync.record.OutcomeTracker;
import io.groupsync.record.TransactionalOutput;
import io.groupsync.time.Clock;
import io.groupsync.imapi.VendorClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that runs the flow: intake → coalesce → dispatch → record. One thread owns the consumer, the
 * transactions ({@link CommitCycle}) and all pending state, so none of it needs a lock; vendor answers arrive on HTTP
 * threads and are only queued for it, with a wake-up if it is blocked in {@code poll}. The producer works on a thread
 * of its own ({@link TransactionalOutput}), told what to do in order.
 */
public final class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** The longest the loop blocks in poll when it has nothing scheduled, so a stop is noticed promptly. */
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    /** Intake of a full poll can take a while on a busy machine; answers and tokens are seen to in between. */
    private static final int PUMP_EVERY_RECORDS = 100;

    private final Consumer<byte[], byte[]> consumer;
    private final TransactionalOutput output;
    private final OutcomeTracker tracker;
    private final Coalescer coalescer;
    private final Map<String, RouteDispatcher> routes;
    private final EventDecoder decoder = new EventDecoder();
    private final RouteSplit split;
    private final PipelineSettings settings;
    /** Pauses intake at the caps on pending work, and the partitions the backlog reads later. */
    private final IntakeValve valve;
    private final Clock clock;
    private final PipelineListener listener;
    private final CompletionInbox completions;
    private final String inputTopic;
    private volatile boolean stopping;
    private boolean closing;
    private final CommitCycle commits;
    /** Where reading began in partitions that had no commit yet: where a rewind of them goes back to. */
    private final Map<TopicPartition, Long> firstRead = new HashMap<>();

    Pipeline(Consumer<byte[], byte[]> consumer, TransactionalOutput output, OutcomeTracker tracker,
             Coalescer coalescer, Map<String, RouteDispatcher> routes, CompletionInbox completions,
             String inputTopic, PipelineSettings settings, Backlog backlog, Clock clock, PipelineListener listener) {
        this.consumer = consumer;
        this.output = output;
        this.tracker = tracker;
        this.coalescer = coalescer;
        this.routes = routes;
        Map<String, VendorClient> clients = new LinkedHashMap<>();
        routes.forEach((name, route) -> clients.put(name, route.client()));
        this.split = new RouteSplit(clients);
        this.completions = completions;
        this.inputTopic = inputTopic;
        this.settings = settings;
        this.valve = new IntakeValve(consumer, settings.flow(), backlog, listener::paused);
        this.clock = clock;
        this.listener = listener;
        this.commits = new CommitCycle(consumer, output, tracker, completions, settings.commitInterval(), clock,
                listener, this::rewind, () -> stopping);
    }

    /** Asks the loop to stop gracefully; safe from any thread (a signal handler's, say). */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Runs until {@link #stop()}, then settles calls in flight, commits and closes. */
    public void run() {
        output.init();
        consumer.subscribe(List.of(inputTopic), new Rebalancing(this));
        try {
            while (!stopping) {
                runOnce();
            }
            shutDown();
        } finally {
            closing = true;
            // A static member would otherwise keep its partitions until its session times out; one that stops on
            // purpose hands them over now.
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
            output.close(Duration.ofSeconds(5));
            routes.values().forEach(r -> r.client().close());
        }
    }

    void runOnce() {
        ConsumerRecords<byte[], byte[]> records = poll(waitNanos());
        valve.observeLag();
        int sincePump = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            intake(record);
            if (++sincePump == PUMP_EVERY_RECORDS) {
                dispatch();
                sincePump = 0;
            }
        }
        dispatch();
        valve.update(coalescer.pendingKeys(), tracker.outstandingRecords());
        commits.onRound();
    }

    private ConsumerRecords<byte[], byte[]> poll(long waitNanos) {
        completions.polling(true);
        try {
            // After polling(true): an answer or a commit that ends from now on wakes the poll; one before is seen here.
            long wait = completions.isEmpty() && !commits.ended() ? waitNanos : 0;
            return consumer.poll(Duration.ofNanos(wait));
        } catch (WakeupException woken) {
            return ConsumerRecords.empty();
        } finally {
            completions.polling(false);
        }
    }

    /** Until the earliest of: the next commit, a retry falling due, a token refilling; at most MAX_POLL_WAIT. */
    private long waitNanos() {
        long now = clock.nanoTime();
        long until = Math.min(now + MAX_POLL_WAIT.toNanos(), commits.dueNanos());
        for (RouteDispatcher route : routes.values()) {
            until = Math.min(until, route.nextWakeNanos());
        }
        return Math.max(0, until - now);
    }

    /** Decodes a record and hands each of its routes' shares on: to the tracker as an outcome, or to coalesce. */
    private void intake(ConsumerRecord<byte[], byte[]> record) {
        SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), record.headers(), clock.currentTimeMillis());
        listener.consumed();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        firstRead.putIfAbsent(partition, record.offset());
        Decoded decoded = decoder.decode(source);
        if (decoded instanceof Decoded.Refused refused) {
            if (tracker.arrived(source, 0)) {
                tracker.deadLetter(source, refused.kind(), refused.reason(), refused.exceptionClass(),
                        refused.eventId(), null);
            }
            return;
        }
        Edit edit = ((Decoded.Accepted) decoded).edit();
        if (tracker.arrived(source, split.outcomesOf(edit), edit.groupId(), edit.target())) {
            split.split(edit).forEach(decision -> apply(decision, edit, partition));
        }
    }

    private void apply(RouteDecision decision, Edit edit, TopicPartition partition) {
        if (decision instanceof RouteDecision.Offer offer) {
            coalescer.offer(offer.key(), partition, offer.event(), offer.patch(), offer.context())
                    .ifPresent(routes.get(offer.route())::enqueue);
        } else if (decision instanceof RouteDecision.Rejected rejected) {
            tracker.rejected(rejected.route(), edit.groupId(), edit.target(), rejected.event(), rejected.reason());
        } else if (decision instanceof RouteDecision.NothingToSend nothing) {
            tracker.nothingToSend(nothing.route(), edit.groupId(), edit.target(), nothing.event());
        } else {
            RouteDecision.UnknownRoute unknown = (RouteDecision.UnknownRoute) decision;
            tracker.deadLetter(edit.source(), DeadLetterReason.UNKNOWN_ROUTE, unknown.reason(),
                    IllegalArgumentException.class.getName(), edit.eventId(), unknown.route());
        }
    }

    private void dispatch() {
        drainCompletions();
        routes.values().forEach(RouteDispatcher::pump);
    }

    private void drainCompletions() {
        Completion done;
        while ((done = completions.poll()) != null) {
            done.dispatcher().complete(done);
        }
    }

    /** Commits what is finished and waits for it (a commit in flight is settled first). */
    void commit() {
        commits.commitNow();
    }

    /**
     * Forgets everything uncommitted of these partitions and reads them again from their last commit: what the
     * aborted transaction held is redone, vendor calls included (they set values, so a repeat is harmless).
     */
    private void rewind(Set<TopicPartition> partitions) {
        forget(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata last = committed.get(partition);
            tracker.assigned(partition, last);
            if (last != null) {
                consumer.seek(partition, last);
            } else if (firstRead.containsKey(partition)) {
                consumer.seek(partition, firstRead.get(partition));
            }
        }
    }

    /**
     * The partitions' last commits. A vendor answer can wake the consumer just as a poll returns, and the wake-up
     * then lands here instead; it only means "look at the inbox", which the loop does next anyway, so ask again.
     */
    private Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        while (true) {
            try {
                return consumer.committed(partitions);
            } catch (WakeupException woken) {
                log.debug("a wake-up meant for poll reached committed(); asking again");
            } catch (TimeoutException away) {
                // Without the committed offsets nothing can go on; a broker on its way back answers in time.
                if (stopping) {
                    throw away;
                }
                log.warn("the group coordinator did not give the committed offsets within default.api.timeout.ms; "
                        + "asking again");
            }
        }
    }

    /** Partitions were assigned: each starts from its last commit and what that commit remembered. */
    void assigned(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(Set.copyOf(partitions));
        partitions.forEach(p -> tracker.assigned(p, committed.get(p)));
        valve.assigned(partitions);
        listener.assigned(partitions);
    }

    /**
     * Partitions are being revoked: let their calls in flight finish (so the next owner never calls the vendor for
     * a key while we still are), commit what is finished, and drop the rest for the next owner to redo.
     */
    void revoked(Collection<TopicPartition> partitions) {
        if (closing) {
            return;
        }
        settle(partitions);
        commit();
        forget(partitions);
        firstRead.keySet().removeAll(partitions);
        listener.revoked(partitions);
    }

    /** Partitions were lost without a revocation: their transaction cannot commit, so abort and rewind the rest. */
    void lost(Collection<TopicPartition> partitions) {
        // A commit in flight ends first, while the partitions are still known; the coordinator refuses the offsets
        // it carries for them if they were given to another member meanwhile.
        commits.settle();
        forget(partitions);
        firstRead.keySet().removeAll(partitions);
        listener.revoked(partitions);
        Set<TopicPartition> rest = new HashSet<>(consumer.assignment());
        rest.removeAll(partitions);
        commits.abortAndRewind(rest);
    }

    private void forget(Collection<TopicPartition> partitions) {
        valve.forget(partitions);
        coalescer.drop(partitions);
        routes.values().forEach(RouteDispatcher::purgeDropped);
        tracker.forget(partitions);
    }

    /**
     * Waits, within the settle timeout, for the calls in flight of these partitions, acting on their answers.
     * The wait is on the real clock: it bounds how long a rebalance or a shutdown can take.
     */
    private void settle(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        while (inFlight(partitions) > 0) {
            long left = deadline - System.nanoTime();
            Completion done;
            try {
                done = left <= 0 ? null : completions.poll(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (done == null) {
                break;
            }
            done.dispatcher().complete(done);
        }
        int abandoned = inFlight(partitions);
        if (abandoned > 0) {
            log.warn("gave up waiting for {} vendor calls in flight; their events will be redone", abandoned);
        }
    }

    private int inFlight(Collection<TopicPartition> partitions) {
        return routes.values().stream().mapToInt(r -> r.inFlight(partitions)).sum();
    }

    /** Graceful stop: no more intake or new calls; settle the calls in flight, commit, and leave. */
    private void shutDown() {
        consumer.pause(consumer.assignment());
        settle(consumer.assignment());
        commit();
        log.info("stopped: committed {} partitions", commits.committedPartitions());
    }
}
