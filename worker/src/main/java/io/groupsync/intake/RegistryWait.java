package io.groupsync.intake;

import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions whose next record waits for the schema registry: each is held (paused, its position put back on that
 * record) for the retry interval, then read again. Nothing is skipped and nothing dead-lettered for an outage.
 * Owned by the pipeline thread.
 */
public final class RegistryWait {

    private final Duration retry;
    private final Clock clock;
    private final Map<TopicPartition, Long> until = new HashMap<>();

    public RegistryWait(Duration retry, Clock clock) {
        this.retry = retry;
        this.clock = clock;
    }

    /** The partition's current record waits; the caller has put the consumer's position back on it. */
    public void hold(TopicPartition partition) {
        until.put(partition, clock.nanoTime() + retry.toNanos());
    }

    /** True while the partition waits: its later records in the same poll are left for the read after. */
    public boolean holds(TopicPartition partition) {
        return until.containsKey(partition);
    }

    /** The partitions still waiting, after letting go of those whose interval is over. */
    public Set<TopicPartition> held() {
        long now = clock.nanoTime();
        until.values().removeIf(deadline -> deadline - now <= 0);
        return until.keySet();
    }

    /** Partitions gone or rewound: they are read from their new position. */
    public void forget(Collection<TopicPartition> partitions) {
        until.keySet().removeAll(partitions);
    }
}
