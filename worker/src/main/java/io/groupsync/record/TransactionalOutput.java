package io.groupsync.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * The transactional producer, seen as one open transaction at a time: results and dead letters go in as they are
 * finished, and the consumer offsets that say they are finished go in with them at commit.
 *
 * <p>The producer has a thread of its own, which builds and sends the records and runs every transactional call, in
 * the order the pipeline made them. The pipeline thread hands records over in batches and goes back to intake, and a
 * periodic commit ({@link #commitAsync}) runs while it does: building and sending the results and waiting for
 * commits took over half of the pipeline thread while a drain's first results went out, and all the while its
 * intake stood still. Records handed over after a commit belong to the next transaction, which the producer's
 * thread begins once the commit has ended. If the commit fails they go into the failed transaction instead, which
 * the caller then aborts or replaces, redoing them: what a failed transaction held is never half written.
 *
 * <p>A failed send makes the commit fail, and the caller then aborts and rewinds: the producer throws a send's
 * failure from the next send of the transaction, so it is kept for the commit. A producer that cannot go on (its
 * transaction expired and was aborted by the coordinator, or a commit timed out, after which KafkaProducer allows
 * nothing but the same commit) is replaced with {@link #restart()}. Every method but the producer's thread's own is
 * the pipeline thread's.
 */
public final class TransactionalOutput implements Consumer<OutputRecord> {

    /** Records per hand-over: enough that handing over costs little per record, few enough to start sending soon. */
    private static final int BATCH = 256;
    /**
     * Batches handed over and not yet sent, at most: past it the pipeline thread waits, so a slow broker holds intake
     * back instead of filling the heap with results.
     */
    private static final int MAX_QUEUED_BATCHES = 64;

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "groupsync-producer");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore queued = new Semaphore(MAX_QUEUED_BATCHES);

    // The pipeline thread's.
    private List<OutputRecord> batch = new ArrayList<>(BATCH);
    private int sentInTransaction;

    // The producer's thread's (and the constructor's, before that thread starts); close() may read the producer.
    private volatile Producer<byte[], byte[]> producer;
    private boolean open;
    private RuntimeException failed;

    /** @param producers makes a transactional producer, always with the same transactional id */
    public TransactionalOutput(Supplier<Producer<byte[], byte[]>> producers) {
        this.producers = producers;
        this.producer = producers.get();
    }

    /** Registers the transactional id, fencing off any older instance with it and aborting what it left open. */
    public void init() {
        await(call(() -> producer.initTransactions()));
    }

    /**
     * Drops the producer without waiting for it and registers the transactional id anew with another. The
     * coordinator ends the old producer's transaction first, committing it if its commit had reached the coordinator
     * and aborting it otherwise; the consumer group's committed offsets then say which. Records not yet committed are
     * dropped. Throws the producer's TimeoutException if the coordinator cannot be reached within max.block.ms;
     * calling again is safe.
     */
    public void restart() {
        dropUnsent();
        await(call(() -> {
            open = false;
            failed = null;
            producer.close(Duration.ZERO);
            producer = producers.get();
            producer.initTransactions();
        }));
    }

    /** Hands a finished record's output to the open transaction. */
    @Override
    public void accept(OutputRecord record) {
        batch.add(record);
        sentInTransaction++;
        if (batch.size() == BATCH) {
            handOver();
        }
    }

    /**
     * Commits everything handed over so far together with the offsets, on the producer's thread; records handed over
     * from now on go into the next transaction. The future fails with what failed the transaction (a send of it, or
     * the commit); then {@link #abort()} or {@link #restart()} before committing again.
     */
    public CompletableFuture<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                               ConsumerGroupMetadata group) {
        handOver();
        sentInTransaction = 0;
        return call(() -> {
            begin();
            if (failed != null) {
                throw failed;
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
            open = false;
        });
    }

    /** Commits and waits; throws what failed the transaction. */
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        await(commitAsync(offsets, group));
    }

    /** Aborts the open transaction, with every record handed over to it, and waits. */
    public void abort() {
        dropUnsent();
        await(call(() -> {
            failed = null;
            if (open) {
                open = false;
                producer.abortTransaction();
            }
        }));
    }

    /** Records handed over since the last commit began. */
    public int pending() {
        return sentInTransaction;
    }

    /**
     * Closes the producer once what was handed over before has been seen to, waiting at most about the timeout; a
     * producer's thread still busy then (a commit waiting on a broker that is away) is interrupted, and the producer
     * closed from here without waiting, which aborts what it held.
     */
    public void close(Duration timeout) {
        dropUnsent();
        sender.execute(() -> producer.close(timeout));
        sender.shutdown();
        boolean closed = false;
        try {
            closed = sender.awaitTermination(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closed) {
            sender.shutdownNow();
            producer.close(Duration.ZERO);
        }
    }

    /**
     * What a completed {@link #commitAsync} threw, as it was thrown (a KafkaException the caller tells apart by
     * type), or nothing if it committed.
     */
    public static void await(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void handOver() {
        if (batch.isEmpty()) {
            return;
        }
        List<OutputRecord> records = batch;
        batch = new ArrayList<>(BATCH);
        queued.acquireUninterruptibly();
        sender.execute(() -> {
            try {
                send(records);
            } finally {
                queued.release();
            }
        });
    }

    /** The producer's thread. */
    private void send(List<OutputRecord> records) {
        for (OutputRecord record : records) {
            if (failed != null) {
                return;
            }
            try {
                begin();
                producer.send(record.build());
            } catch (RuntimeException e) {
                // The commit throws it: a KafkaException is aborted and redone; anything else (a result that cannot
                // be encoded, say) stops the worker, as it would have on the pipeline thread.
                failed = e;
            }
        }
    }

    /** The producer's thread. */
    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    /** Records not yet handed over are dropped, not sent: the caller is about to redo them. */
    private void dropUnsent() {
        batch = new ArrayList<>(BATCH);
        sentInTransaction = 0;
    }

    private CompletableFuture<Void> call(Runnable onProducerThread) {
        return CompletableFuture.runAsync(onProducerThread, sender);
    }
}
