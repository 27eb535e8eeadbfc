package io.groupsync.record;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The transactional producer, seen as one open transaction at a time: results and dead letters go in as they are
 * finished, and the consumer offsets that say they are finished go in with them at commit. A failed send makes the
 * commit fail, and the caller then aborts and rewinds, so nothing is half written: the producer throws a send's
 * failure from the next send of the transaction, so it is kept for the commit rather than thrown at whoever
 * finished the next record. A producer that cannot go on (its transaction expired and was aborted by the
 * coordinator, or a commit timed out, after which KafkaProducer allows nothing but the same commit) is replaced with
 * {@link #restart()}. Owned by the pipeline thread.
 */
public final class TransactionalOutput implements Consumer<ProducerRecord<byte[], byte[]>> {

    private final Supplier<Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;
    private boolean open;
    private int sentInTransaction;
    private KafkaException failed;

    /** @param producers makes a transactional producer, always with the same transactional id */
    public TransactionalOutput(Supplier<Producer<byte[], byte[]>> producers) {
        this.producers = producers;
        this.producer = producers.get();
    }

    /** Registers the transactional id, fencing off any older instance with it and aborting what it left open. */
    public void init() {
        producer.initTransactions();
    }

    /**
     * Drops the producer without waiting for it and registers the transactional id anew with another. The
     * coordinator ends the old producer's transaction first, committing it if its commit had reached the coordinator
     * and aborting it otherwise; the consumer group's committed offsets then say which. Throws the producer's
     * TimeoutException if the coordinator cannot be reached within max.block.ms; calling again is safe.
     */
    public void restart() {
        open = false;
        sentInTransaction = 0;
        failed = null;
        producer.close(Duration.ZERO);
        producer = producers.get();
        producer.initTransactions();
    }

    @Override
    public void accept(ProducerRecord<byte[], byte[]> record) {
        begin();
        sentInTransaction++;
        if (failed != null) {
            return;
        }
        try {
            producer.send(record);
        } catch (KafkaException e) {
            failed = e;
        }
    }

    /** Commits what was sent together with the offsets; throws what failed a send of this transaction. */
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        begin();
        if (failed != null) {
            throw failed;
        }
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, group);
        }
        producer.commitTransaction();
        open = false;
        sentInTransaction = 0;
    }

    public void abort() {
        if (open) {
            open = false;
            sentInTransaction = 0;
            failed = null;
            producer.abortTransaction();
        }
    }

    /** Records sent since the last commit. */
    public int pending() {
        return sentInTransaction;
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }

    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }
}
