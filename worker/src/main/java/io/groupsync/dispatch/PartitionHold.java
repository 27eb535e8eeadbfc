package io.groupsync.dispatch;

import org.apache.kafka.common.TopicPartition;

/**
 * Whether keys of a partition should wait before their first call: while a partition still reads a backlog, later
 * edits of a key may be unread, and a call made now would be made again once they are. The worker decides (flow
 * control sits before dispatch in the line); the dispatcher only asks.
 */
@FunctionalInterface
public interface PartitionHold {

    boolean holds(TopicPartition partition);
}
