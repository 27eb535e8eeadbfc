package io.groupsync.worker;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.config.PendingCaps;
import io.groupsync.config.PipelineConfig;
import io.groupsync.dispatch.Completion;
import io.groupsync.dispatch.RouteDispatcher;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.imapi.VendorClient;
import io.groupsync.intake.Backlog;
import io.groupsync.intake.Decoded;
import io.groupsync.intake.EventDecoder;
import io.groupsync.intake.IntakeValve;
import io.groupsync.intake.RegistryWait;
import io.groupsync.intake.RouteDecision;
import io.groupsync.intake.RouteSplit;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Edit;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.record.CommitCycle;
import io.groupsync.record.OutcomeTracker;
import io.groupsync.record.TransactionalOutput;
import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.WireDecoder;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that runs the flow: poll → intake (decode, split per route) → coalesce → dispatch → record → commit.
 * One thread owns the consumer, the transactions ({@link CommitCycle}) and all pending state, so none of it needs
 * a lock; vendor answers arrive on HTTP threads and are only queued for it, with a wake-up if it is blocked in
 * {@code poll}. The producer works on a thread of its own ({@link TransactionalOutput}), told what to do in order.
 * Partitions coming and going are {@link PartitionLifecycle}'s.
 */
public final class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** The longest the loop blocks in poll when it has nothing scheduled, so a stop is noticed promptly. */
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    /** Intake of a full poll can take a while on a busy machine; answers and tokens are seen to in between. */
    private static final int PUMP_EVERY_RECORDS = 100;
    /**
     * An accepted event's value over this many bytes is let go once decoded, so that one copy of it is held, not two:
     * its fields live on in coalescing, and a dead letter reads it back from the input topic. Smaller values are
     * kept: the copy is cheap, and reading back costs a fetch per dead letter.
     */
    static final int KEEP_VALUES_UP_TO = 4_096;

    private final Consumer<byte[], byte[]> consumer;
    private final String inputTopic;
    private final EventDecoder decoder;
    private final RouteSplit split;
    /** Pauses intake at the caps on pending work, and the partitions the backlog reads later. */
    private final IntakeValve valve;
    private final RegistryGate registry;
    private final Coalescer coalescer;
    private final Map<String, RouteDispatcher> routes;
    private final CompletionInbox completions;
    private final OutcomeTracker tracker;
    private final TransactionalOutput output;
    private final CommitCycle commits;
    private final PartitionLifecycle lifecycle;
    private final Clock clock;
    private final PipelineListener listener;
    private volatile boolean stopping;

    Pipeline(Consumer<byte[], byte[]> consumer, TransactionalOutput output, OutcomeTracker tracker,
             Coalescer coalescer, Map<String, RouteDispatcher> routes, CompletionInbox completions,
             String inputTopic, PipelineConfig config, Backlog backlog, PartitionVersions versions, Clock clock,
             PipelineListener listener) {
        this(consumer, output, tracker, coalescer, routes, completions, inputTopic, config, backlog, versions, clock,
                listener, new WireDecoder<>(AvroCodec.groupChange(), null), Duration.ofSeconds(1));
    }

    /**
     * @param versions      restores a partition's applied versions before its records are taken in
     * @param wire          reads the events in either framing
     * @param registryRetry how long a partition waits before asking an unreachable registry again
     */
    Pipeline(Consumer<byte[], byte[]> consumer, TransactionalOutput output, OutcomeTracker tracker,
             Coalescer coalescer, Map<String, RouteDispatcher> routes, CompletionInbox completions,
             String inputTopic, PipelineConfig config, Backlog backlog, PartitionVersions versions, Clock clock,
             PipelineListener listener, WireDecoder<GroupChange> wire, Duration registryRetry) {
        this.consumer = consumer;
        this.inputTopic = inputTopic;
        Map<String, VendorClient> clients = new LinkedHashMap<>();
        routes.forEach((name, route) -> clients.put(name, route.client()));
        this.decoder = new EventDecoder(config.maxClockSkew(), wire);
        this.split = new RouteSplit(clients);
        RegistryWait registryWait = new RegistryWait(registryRetry, clock);
        this.registry = new RegistryGate(consumer, registryWait, listener);
        this.valve = new IntakeValve(consumer, config, backlog, listener::paused, registryWait);
        this.coalescer = coalescer;
        this.routes = routes;
        this.completions = completions;
        this.tracker = tracker;
        this.output = output;
        this.clock = clock;
        this.listener = listener;
        this.commits = new CommitCycle(consumer, output, tracker, completions::wake, config.commitInterval(),
                clock, listener, this::rewind, () -> stopping);
        this.lifecycle = new PartitionLifecycle(consumer, valve, coalescer, routes.values(), tracker, versions,
                completions, commits, config, listener, () -> stopping);
    }

    /** Asks the loop to stop gracefully; safe from any thread (a signal handler's, say). */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Runs until {@link #stop()}, then settles calls in flight, commits and closes. */
    public void run() {
        output.init();
        consumer.subscribe(List.of(inputTopic), new Rebalancing(lifecycle));
        try {
            while (!stopping) {
                runOnce();
            }
            shutDown();
        } finally {
            lifecycle.closing();
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
        int keys = coalescer.pendingKeys();
        // A key's work, merged patch and queue entries weigh on the heap beside its records' bytes.
        long bytes = tracker.outstandingBytes() + keys * PendingCaps.BYTES_PER_KEY;
        valve.update(keys, tracker.outstandingRecords(), bytes);
        commits.onRound();
        listener.looped(keys, tracker.outstandingRecords(), bytes);
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
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (registry.holds(partition)) {
            return;
        }
        lifecycle.read(partition, record.offset());
        Decoded decoded = decoder.decode(source);
        if (registry.waits(decoded, partition, record.offset(), record.value())) {
            return;
        }
        // Counted once decided: a record that waits is read again.
        listener.consumed();
        if (decoded instanceof Decoded.Refused refused) {
            List<String> rejectedOn = rejectedOn(refused.event(), source);
            if (tracker.arrived(source, rejectedOn.size())) {
                tracker.deadLetter(source, refused.kind(), refused.reason(), refused.exceptionClass(),
                        refused.eventId(), null);
                Decoded.RefusedEvent event = refused.event();
                rejectedOn.forEach(route -> tracker.rejected(route, event.groupId(),
                        event.memberId() == null ? Target.group() : Target.member(event.memberId()),
                        new CoveredEvent(event.eventId(), event.occurredAtMillis(), source, Set.of(), Map.of()),
                        refused.reason(), false));
            }
            return;
        }
        Edit accepted = ((Decoded.Accepted) decoded).edit();
        Edit edit = source.value().length > KEEP_VALUES_UP_TO ? accepted.withoutSourceValue() : accepted;
        if (tracker.arrived(edit.source(), split.outcomesOf(edit), edit.groupId(), edit.target())) {
            split.split(edit).forEach(decision -> apply(decision, edit, partition));
        }
    }

    /**
     * The routes of this worker a refused event was for, each of which gives it a REJECTED result beside its one dead
     * letter: a dashboard reading only results sees every event that decoded. None if it has no id to quote.
     */
    private List<String> rejectedOn(Decoded.RefusedEvent event, SourceRecord source) {
        if (event == null) {
            return List.of();
        }
        List<String> named = event.targetRoutes() == null || event.targetRoutes().isEmpty() ? null
                : event.targetRoutes();
        // A replay's are only the routes it is for: the others applied the original and are done with it.
        return split.routesOf(source, named).stream().distinct().filter(routes::containsKey).toList();
    }

    private void apply(RouteDecision decision, Edit edit, TopicPartition partition) {
        if (decision instanceof RouteDecision.Offer offer) {
            Coalescer.Admission admission = coalescer.admit(offer.key(), offer.event(), offer.patch());
            if (admission.fresh().isEmpty()) {
                tracker.stale(offer.key(), offer.event(), admission.stale());
            } else {
                coalescer.offer(offer.key(), partition, offer.event(), admission, offer.context())
                        .ifPresent(routes.get(offer.route())::enqueue);
            }
        } else if (decision instanceof RouteDecision.Rejected rejected) {
            tracker.rejected(rejected.route(), edit.groupId(), edit.target(), rejected.event(), rejected.reason(),
                    true);
        } else if (decision instanceof RouteDecision.NothingToSend nothing) {
            tracker.nothingToSend(nothing.route(), edit.groupId(), edit.target(), nothing.event());
        } else {
            RouteDecision.UnknownRoute unknown = (RouteDecision.UnknownRoute) decision;
            tracker.deadLetter(edit.source(), DeadLetterReason.UNKNOWN_ROUTE, unknown.reason(),
                    IllegalArgumentException.class.getName(), edit.eventId(), unknown.route());
        }
    }

    /** Acts on the answers that came in, then lets every route send what its tokens allow. */
    private void dispatch() {
        Completion done;
        while ((done = completions.poll()) != null) {
            done.dispatcher().complete(done);
        }
        routes.values().forEach(RouteDispatcher::pump);
    }

    /** The commit cycle's rewind, through the lifecycle, which itself commits through the cycle. */
    private void rewind(Set<TopicPartition> partitions) {
        lifecycle.rewind(partitions);
    }

    /** Commits what is finished and waits for it (a commit in flight is settled first). */
    void commit() {
        commits.commitNow();
    }

    /** For tests that hand partitions over by hand, as a rebalance does. */
    PartitionLifecycle lifecycle() {
        return lifecycle;
    }

    /** Graceful stop: no more intake or new calls; settle the calls in flight, commit, and leave. */
    private void shutDown() {
        consumer.pause(consumer.assignment());
        lifecycle.settle(consumer.assignment());
        commit();
        log.info("stopped: committed {} partitions", commits.committedPartitions());
    }
}
