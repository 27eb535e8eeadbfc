package io.groupsync.coalesce;

import io.groupsync.model.PendingKey;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFate;
import io.groupsync.model.FieldFates;
import io.groupsync.model.Patch;
import io.groupsync.model.TargetKind;
import io.groupsync.model.Version;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.versions.VersionKeys;
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
 * All pending work, by key. Strips each accepted edit of its stale values ({@link #admit}), merges the rest into its
 * key and tells the caller when a key becomes ready to send; counts keys for the pending-keys cap. Owned by the
 * pipeline thread.
 */
public final class Coalescer {

    /**
     * An edit's patch split by the stale-edit check.
     *
     * @param fresh the values newer than any applied, in flight or waiting, for the same field or key
     * @param stale the fields none of whose values were fresh, with the newer version that won
     */
    public record Admission(Patch fresh, FieldFates stale) {
    }

    private final Map<PendingKey, PendingWork> pending = new HashMap<>();
    private final AppliedVersions versions;
    private long seq;

    /** @param versions the versions applied, which every edit is checked against (docs/design.md, "Versions") */
    public Coalescer(AppliedVersions versions) {
        this.versions = versions;
    }

    /**
     * Which of an edit's values are newer than what its key has applied (per the versions store), sends or waits to
     * send, field by field and custom-data key by key. Every edit is checked, not only replays: within a partition
     * an ordinary edit is newer by offset than anything applied from it, so the check never needs a clock there.
     */
    public Admission admit(PendingKey key, CoveredEvent event, Patch patch) {
        Version version = event.version();
        int partition = event.source().partition();
        PendingWork work = pending.get(key);
        Patch fresh = Patch.empty();
        FieldFates stale = new FieldFates();
        for (Field field : Field.values()) {
            if (!field.isKeyed() && patch.has(field)) {
                FieldFate won = won(version, versions.get(partition, VersionKeys.of(key, field)),
                        work == null ? null : work.newestOwner(field));
                if (won == null) {
                    fresh.set(field, patch.get(field, Object.class));
                } else {
                    stale.put(event, field, won);
                }
            }
        }
        FieldFate lastWon = null;
        for (Map.Entry<String, String> entry : patch.customData().entrySet()) {
            FieldFate won = won(version, versions.get(partition, VersionKeys.ofCustom(key, entry.getKey())),
                    work == null ? null : work.newestOwner(entry.getKey()));
            if (won == null) {
                fresh.putCustom(entry.getKey(), entry.getValue());
            } else {
                lastWon = won;
            }
        }
        if (lastWon != null && fresh.customData().isEmpty()) {
            stale.put(event, key.target().kind() == TargetKind.GROUP ? Field.CUSTOM_DATA : Field.MEMBER_CUSTOM_DATA,
                    lastWon);
        }
        return new Admission(fresh, stale);
    }

    /**
     * Merges one event's admitted values (already validated, only the fields the route's vendor offers, at least
     * one of them fresh) into its key.
     *
     * @return the key's work if it just became ready, so the dispatcher can queue it
     */
    public Optional<PendingWork> offer(PendingKey key, TopicPartition partition, CoveredEvent event,
                                       Admission admission, PlanContext context) {
        PendingWork work = pending.computeIfAbsent(key, k -> new PendingWork(k, partition));
        return work.add(event, admission.fresh(), admission.stale(), context, ++seq) ? Optional.of(work)
                : Optional.empty();
    }

    /** What won over an edit of this version: the newer of the applied version and the pending value, if newer. */
    private static FieldFate won(Version version, Version applied, MergedPatch.Owner pending) {
        if (pending != null && pending.version().isNewerThan(version)
                && (applied == null || pending.version().isNewerThan(applied))) {
            return FieldFate.stale(pending.event().eventId(), pending.version());
        }
        return applied != null && applied.isNewerThan(version) ? FieldFate.stale(null, applied) : null;
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
