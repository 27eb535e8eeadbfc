package io.groupsync.worker;

import io.groupsync.model.SourceRecord;
import io.groupsync.record.OriginalValues;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads an event's value back from the input topic by its offset, for the dead letter of an event whose value was let
 * go at intake. A consumer of no group, assigned one partition at a time; used on the producer's thread only.
 */
final class InputRereader implements OriginalValues, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param consumerProperties the worker's own consumer's, so that it reads the same brokers with the same
     *                           security and isolation; its group is left out
     * @param timeout            how long to try before the transaction is given up and redone
     */
    InputRereader(Properties consumerProperties, Clock clock, Duration timeout) {
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, props.getProperty(ConsumerConfig.CLIENT_ID_CONFIG) + "-reread");
        // An offset below the log's start is gone for good (retention): say so, rather than read another record.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.consumer = new KafkaConsumer<>(props);
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public byte[] read(SourceRecord source) {
        TopicPartition partition = new TopicPartition(source.topic(), source.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, source.offset());
        long deadline = clock.nanoTime() + timeout.toNanos();
        try {
            while (clock.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    // Past it means the offset was compacted away; records are read in offset order.
                    return record.offset() == source.offset() ? record.value() : null;
                }
            }
        } catch (OffsetOutOfRangeException gone) {
            return null;
        }
        throw new TimeoutException("could not read " + partition + "@" + source.offset() + " back within "
                + timeout + " for its dead letter");
    }

    @Override
    public void close() {
        consumer.close();
    }
}
