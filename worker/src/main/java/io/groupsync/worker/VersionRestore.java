package io.groupsync.worker;

import io.groupsync.versions.AppliedVersions;
import io.groupsync.versions.VersionKeys;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the versions of assigned input partitions from the versions topic, as Kafka Streams restores a store from
 * its changelog: input partition p from versions partition p, read_committed from the beginning to its end, before
 * any record of p is taken in (the rebalance callback that calls this holds the poll). Compaction keeps the last
 * version of each key; the topic's retention, the window, drops the rest. Owns its consumer, which belongs to no
 * group.
 */
final class VersionRestore implements PartitionVersions {

    private static final Logger log = LoggerFactory.getLogger(VersionRestore.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final AppliedVersions versions;
    /** Creates the topic if missing, once, at the first assignment: the input topic exists by then. */
    private Runnable ensureTopic;

    /** @param consumer read_committed, in no group; this class assigns it */
    VersionRestore(Consumer<byte[], byte[]> consumer, String topic, AppliedVersions versions, Runnable ensureTopic) {
        this.consumer = consumer;
        this.topic = topic;
        this.versions = versions;
        this.ensureTopic = ensureTopic;
    }

    @Override
    public void restore(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (ensureTopic != null) {
            ensureTopic.run();
            ensureTopic = null;
        }
        forget(partitions);
        List<TopicPartition> sources = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        long started = System.nanoTime();
        int read = 0;
        try {
            consumer.assign(sources);
            consumer.seekToBeginning(sources);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(sources));
            ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!ends.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    read++;
                    restore(record);
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        } finally {
            consumer.assign(List.of());
        }
        log.info("restored {} version records of partitions {} in {} ms; {} versions kept", read, partitions,
                (System.nanoTime() - started) / 1_000_000, versions.size());
    }

    @Override
    public void forget(Collection<TopicPartition> partitions) {
        versions.forget(partitions.stream().map(TopicPartition::partition).toList());
    }

    void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void restore(ConsumerRecord<byte[], byte[]> record) {
        try {
            versions.restored(record.partition(), VersionKeys.key(record.key()), VersionKeys.entry(record.value()));
        } catch (IllegalArgumentException e) {
            log.warn("skipped version record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
