package io.groupsync.worker;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/** Hands the consumer's rebalance callbacks, which run inside poll on the pipeline thread, to the pipeline. */
final class Rebalancing implements ConsumerRebalanceListener {

    private final Pipeline pipeline;

    Rebalancing(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            pipeline.revoked(partitions);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            pipeline.assigned(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pipeline.lost(partitions);
    }
}
