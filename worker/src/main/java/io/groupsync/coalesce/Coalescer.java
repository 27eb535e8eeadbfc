package io.groupsync.coalesce;

import io.groupsync.model.PendingKey;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * All pending work, by key. Merges each accepted edit into its key and tells the caller when a key becomes ready
 * to send; counts keys for the pending-keys cap. Owned by the pipeline thread.
 */
public final class Coalescer {

    private final Map<PendingKey, PendingWork> pending = new HashMap<>();
    private long seq;

    /**
     * Merges one event's patch (already validated, only the fields the route's vendor offers) into its key.
     *
     * @return the key's work if it just became ready, so the dispatcher can queue it
     */
    public Optional<PendingWork> offer(PendingKey key, TopicPartition partition, CoveredEvent event, Patch patch,
                                       PlanContext context) {
        PendingWork work = pending.computeIfAbsent(key, k -> new PendingWork(k, partition));
        return work.add(event, patch, context, ++seq) ? Optional.of(work) : Optional.empty();
    }

    /** A number that grows with every call, to tell dispatches apart. */
    public long nextSeq() {
        return ++seq;
    }

    /** Forgets a key once it has nothing left to send and nothing in flight. */
    public void forgetIfIdle(PendingWork work) {
        if (work.isIdle()) {
            pending.remove(work.key(), work);
        }
    }

    public int pendingKeys() {
        return pending.size();
    }

    public Collection<PendingWork> all() {
        return pending.values();
    }

    /** Drops every key of the given partitions (revoked or lost; their next owner redoes the work). */
    public List<PendingWork> drop(Collection<TopicPartition> partitions) {
        List<PendingWork> dropped = new ArrayList<>();
        for (Iterator<PendingWork> it = pending.values().iterator(); it.hasNext(); ) {
            PendingWork work = it.next();
            if (partitions.contains(work.partition())) {
                work.drop();
                dropped.add(work);
                it.remove();
            }
        }
        return dropped;
    }
}
