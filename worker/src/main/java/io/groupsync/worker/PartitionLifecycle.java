package io.groupsync.worker;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.config.PipelineConfig;
import io.groupsync.dispatch.Completion;
import io.groupsync.dispatch.RouteDispatcher;
import io.groupsync.intake.IntakeValve;
import io.groupsync.record.CommitCycle;
import io.groupsync.record.OutcomeTracker;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stages hold of a partition as it comes and goes: assigned (it starts from its last commit), revoked
 * (settled, committed and handed over), lost (dropped, the rest rewound), rewound after a failed transaction.
 * Called by {@link Rebalancing} inside poll and by {@link CommitCycle}, both on the pipeline thread.
 */
final class PartitionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartitionLifecycle.class);

    private final Consumer<byte[], byte[]> consumer;
    private final IntakeValve valve;
    private final Coalescer coalescer;
    private final List<RouteDispatcher> routes;
    private final OutcomeTracker tracker;
    private final PartitionVersions versions;
    private final CompletionInbox completions;
    private final CommitCycle commits;
    private final Duration settleTimeout;
    private final PipelineListener listener;
    private final BooleanSupplier stopping;
    /** Where reading began in partitions that had no commit yet: where a rewind of them goes back to. */
    private final Map<TopicPartition, Long> firstRead = new HashMap<>();
    private boolean closing;

    PartitionLifecycle(Consumer<byte[], byte[]> consumer, IntakeValve valve, Coalescer coalescer,
                       Collection<RouteDispatcher> routes, OutcomeTracker tracker, PartitionVersions versions,
                       CompletionInbox completions, CommitCycle commits, PipelineConfig config,
                       PipelineListener listener, BooleanSupplier stopping) {
        this.consumer = consumer;
        this.valve = valve;
        this.coalescer = coalescer;
        this.routes = List.copyOf(routes);
        this.tracker = tracker;
        this.versions = versions;
        this.completions = completions;
        this.commits = commits;
        this.settleTimeout = config.settleTimeout();
        this.listener = listener;
        this.stopping = stopping;
    }

    /** A record of this partition was read at this offset. */
    void read(TopicPartition partition, long offset) {
        firstRead.putIfAbsent(partition, offset);
    }

    /**
     * Partitions were assigned: each starts from its last commit and what that commit remembered, with the versions
     * applied restored before any record is taken in. The commit is read first: reading it waits for the previous
     * owner's transaction to settle, and the versions it wrote with those offsets are then there to restore.
     */
    void assigned(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(Set.copyOf(partitions));
        versions.restore(partitions);
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
        commits.commitNow();
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

    /** The consumer is closing: the revocation it makes on the way needs nothing from us. */
    void closing() {
        closing = true;
    }

    /**
     * Forgets everything uncommitted of these partitions and reads them again from their last commit: what the
     * aborted transaction held is redone, vendor calls included (they set values, so a repeat is harmless). The
     * versions are restored again too: those the aborted transaction would have written are gone with it.
     */
    void rewind(Set<TopicPartition> partitions) {
        forget(partitions);
        versions.restore(partitions);
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
     * Waits, within the settle timeout, for the calls in flight of these partitions, acting on their answers.
     * The wait is on the real clock: it bounds how long a rebalance or a shutdown can take.
     */
    void settle(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
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
        return routes.stream().mapToInt(r -> r.inFlight(partitions)).sum();
    }

    private void forget(Collection<TopicPartition> partitions) {
        valve.forget(partitions);
        coalescer.drop(partitions);
        routes.forEach(RouteDispatcher::purgeDropped);
        tracker.forget(partitions);
        versions.forget(partitions);
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
                if (stopping.getAsBoolean()) {
                    throw away;
                }
                log.warn("the group coordinator did not give the committed offsets within default.api.timeout.ms; "
                        + "asking again");
            }
        }
    }
}
