package io.groupsync.worker;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the consumer's rebalance callbacks, which run inside poll on the pipeline thread, to the lifecycle. */
final class Rebalancing implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(Rebalancing.class);

    private final PartitionLifecycle lifecycle;

    Rebalancing(PartitionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            // Rare, and what an operator needs to tell which instance held a partition when.
            log.info("partitions revoked: {}", partitions);
            lifecycle.revoked(partitions);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            log.info("partitions assigned: {}", partitions);
            lifecycle.assigned(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        log.warn("partitions lost (their open transaction is aborted): {}", partitions);
        lifecycle.lost(partitions);
    }
}
