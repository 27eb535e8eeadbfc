package io.groupsync.record;

import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's transactions, the policy over {@link TransactionalOutput}'s mechanism: when the next commit is due,
 * the commit in flight on the producer's thread (at most one), and what a failed one costs: an abort and a rewind,
 * or a new producer. Owned by the pipeline thread.
 */
public final class CommitCycle {

    /** Reads partitions again from their last commit, forgetting everything uncommitted of them. */
    public interface Rewind {
        void toLastCommit(Set<TopicPartition> partitions);
    }

    /** How a commit failed. */
    public enum Failure {
        /** Refused: aborted, and the partitions rewound. */
        ABORTED,
        /** The producer was fenced (its transaction expired): replaced, everything since the last commit redone. */
        PRODUCER_FENCED,
        /** The broker did not answer within max.block.ms: the producer replaced, everything redone. */
        TIMED_OUT,
        /** Another process has this instance id: the worker stops. */
        INSTANCE_FENCED
    }

    /** Told of each commit, on the pipeline thread. */
    public interface Listener {
        /** @param took from handing the commit to the producer's thread until the broker confirmed it */
        void committed(Duration took);

        default void commitFailed(Failure failure) {
        }
    }

    /** A commit in flight: the offsets it commits, how it ends, and how long it took once it has. */
    private record Commit(Map<TopicPartition, OffsetAndMetadata> offsets, CompletableFuture<Void> done,
                          CompletableFuture<Duration> took) {
    }

    private static final Logger log = LoggerFactory.getLogger(CommitCycle.class);

    private final Consumer<byte[], byte[]> consumer;
    private final TransactionalOutput output;
    private final OutcomeTracker tracker;
    private final Runnable wake;
    private final Duration interval;
    private final Clock clock;
    private final Listener listener;
    private final Rewind rewind;
    private final BooleanSupplier stopping;
    private long nextCommitNanos;
    /** The commit running on the producer's thread while intake goes on, if one is. */
    private Commit committing;
    private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
    /** The producer was replaced and nothing committed since: fenced again now means another instance has its id. */
    private boolean restartedSinceCommit;

    /**
     * @param wake     run on the producer's thread when a commit ends, so a loop blocked in poll looks in at once
     * @param stopping whether the worker is stopping, when a broker away is waited for no longer
     */
    public CommitCycle(Consumer<byte[], byte[]> consumer, TransactionalOutput output, OutcomeTracker tracker,
                       Runnable wake, Duration interval, Clock clock, Listener listener, Rewind rewind,
                       BooleanSupplier stopping) {
        this.consumer = consumer;
        this.output = output;
        this.tracker = tracker;
        this.wake = wake;
        this.interval = interval;
        this.clock = clock;
        this.listener = listener;
        this.rewind = rewind;
        this.stopping = stopping;
        this.nextCommitNanos = clock.nanoTime() + interval.toNanos();
    }

    /** When the loop must next look in: the next commit's due time; none while one is in flight (its end wakes it). */
    public long dueNanos() {
        return committing == null && (output.pending() > 0 || tracker.outstandingRecords() > 0)
                ? nextCommitNanos : Long.MAX_VALUE;
    }

    /** Whether the commit in flight has ended, and the loop should not wait before acting on it. */
    public boolean ended() {
        return committing != null && committing.done().isDone();
    }

    /** After each round of the loop: acts on a commit that ended, and starts the next one when it is due. */
    public void onRound() {
        if (ended()) {
            settle();
        }
        if (committing == null && clock.nanoTime() >= nextCommitNanos) {
            start();
        }
    }

    /**
     * Commits what is finished and waits for it: before partitions are handed over, at shutdown. A commit already in
     * flight is settled first.
     */
    public void commitNow() {
        settle();
        start();
        settle();
    }

    /** Partitions committed by the last commit. */
    public int committedPartitions() {
        return lastCommitted.size();
    }

    /**
     * Hands the producer's thread the commit of the open transaction with the offsets of what is finished, and goes
     * on; {@link #settle()} learns how it went. Everything finished from now on goes into the next transaction.
     */
    private void start() {
        nextCommitNanos = clock.nanoTime() + interval.toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.offsetsToCommit();
        if (output.pending() == 0 && offsets.equals(lastCommitted)) {
            return;
        }
        long startNanos = clock.nanoTime();
        tracker.commitStarted();
        CompletableFuture<Void> done = output.commitAsync(offsets, consumer.groupMetadata());
        // Timed where it ends, on the producer's thread: the loop may look in a round later.
        CompletableFuture<Duration> took = done.handle((ignored, failure) ->
                Duration.ofNanos(clock.nanoTime() - startNanos));
        done.whenComplete((ignored, failure) -> wake.run());
        committing = new Commit(offsets, done, took);
    }

    /**
     * Waits for the commit in flight, if any, and acts on how it ended: on an abortable failure aborts and rewinds;
     * a producer that cannot go on is replaced, and everything since the last commit redone.
     */
    public void settle() {
        if (committing == null) {
            return;
        }
        Commit commit = committing;
        committing = null;
        try {
            TransactionalOutput.await(commit.done());
            lastCommitted = commit.offsets();
            restartedSinceCommit = false;
            listener.committed(commit.took().join());
        } catch (FencedInstanceIdException fenced) {
            // Another process took over this instance id in the group: this one must not write another byte.
            listener.commitFailed(Failure.INSTANCE_FENCED);
            throw new FencedException(fenced);
        } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
            // The coordinator bumps the epoch when it aborts a transaction that outlived transaction.timeout.ms (a
            // broker away for longer, say), and when another producer takes the transactional id. Only the second
            // happens again right after a restart; then another instance has this id, and this one must stop.
            listener.commitFailed(Failure.PRODUCER_FENCED);
            if (restartedSinceCommit) {
                throw new FencedException(fenced);
            }
            restart("the producer was fenced (its transaction expired, or another instance has its id)", fenced);
        } catch (TimeoutException timedOut) {
            // Nothing but the same call is allowed after a transactional call timed out, and the broker may stay
            // away a while: a new producer settles the transaction either way, and the group's offsets say which.
            listener.commitFailed(Failure.TIMED_OUT);
            restart("the transaction did not complete within max.block.ms", timedOut);
        } catch (KafkaException e) {
            log.warn("commit failed, aborting the transaction and rewinding to the last commit", e);
            listener.commitFailed(Failure.ABORTED);
            abortAndRewind(consumer.assignment());
        } finally {
            tracker.commitEnded();
        }
    }

    /** Aborts the open transaction and reads these partitions again from their last commit. */
    public void abortAndRewind(Set<TopicPartition> partitions) {
        try {
            output.abort();
        } catch (KafkaException e) {
            restart("the abort failed", e);
            return;
        }
        rewind(partitions);
    }

    /**
     * Replaces the producer, which ends its transaction at the coordinator, and reads every partition again from
     * the commit the group now has: what the transaction held is redone if it was aborted, and skipped if its
     * commit went through after all. Waits for the broker as long as it takes, unless the worker is stopping.
     */
    private void restart(String why, KafkaException cause) {
        log.warn("{}: starting a new producer and redoing what its transaction held", why, cause);
        restartedSinceCommit = true;
        while (true) {
            try {
                output.restart();
                break;
            } catch (TimeoutException e) {
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                log.warn("the transaction coordinator did not answer within max.block.ms; trying again");
            }
        }
        rewind(consumer.assignment());
    }

    private void rewind(Set<TopicPartition> partitions) {
        tracker.transactionDropped();
        rewind.toLastCommit(partitions);
        lastCommitted = Map.of();
    }
}
