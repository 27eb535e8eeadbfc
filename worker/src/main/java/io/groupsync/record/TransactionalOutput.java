package io.groupsync.record;

import java.util.Map;
import java.util.function.Consumer;
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
 * finished the next record. Owned by the pipeline thread.
 */
public final class TransactionalOutput implements Consumer<ProducerRecord<byte[], byte[]>> {

    private final Producer<byte[], byte[]> producer;
    private boolean open;
    private int sentInTransaction;
    private KafkaException failed;

    public TransactionalOutput(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Registers the transactional id, fencing off any older instance with it and aborting what it left open. */
    public void init() {
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

    public void close(java.time.Duration timeout) {
        producer.close(timeout);
    }

    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }
}
