package io.groupsync.worker;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** For pipeline tests on mock clients, which have no versions topic to restore from: nothing applied before. */
final class NoVersions implements PartitionVersions {

    @Override
    public void restore(Collection<TopicPartition> partitions) {
    }

    @Override
    public void forget(Collection<TopicPartition> partitions) {
    }
}
