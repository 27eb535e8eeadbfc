package io.groupsync.worker;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** The versions applied, as partitions come and go: restored when assigned or rewound, forgotten when they go. */
interface PartitionVersions {

    /** Fills in the versions of these input partitions from where they are kept; returns once they are in. */
    void restore(Collection<TopicPartition> partitions);

    void forget(Collection<TopicPartition> partitions);
}
