package io.groupsync.coalesce;

import io.groupsync.event.GroupType;
import io.groupsync.model.PendingKey;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFates;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.SentPatch;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The pending work of one key. At most one dispatch of a key is in flight; edits that arrive meanwhile, or while
 * the key waits for a token or a retry, merge into {@code next} (under load the backlog itself is the coalescing
 * window). A transient failure puts the failed patch back under the newer edits, so the retry sends both.
 *
 * <p>Owned by the pipeline thread; never touched by an HTTP callback.
 */
public final class PendingWork {

    /** Where a key is in its life; a key with nothing to do is removed from the {@link Coalescer}. */
    public enum State {
        /** Has edits to send and waits for its turn and a token. */
        READY,
        /** A dispatch is in flight; new edits wait in {@code next}. */
        IN_FLIGHT,
        /** The last dispatch failed transiently; the merged edits wait until the retry is due. */
        BACKOFF
    }

    private final PendingKey key;
    private final TopicPartition partition;
    private MergedPatch next;
    private MergedPatch sending;
    /** The group type the newest event that named one said; it outlives dispatches, as the group keeps its type. */
    private GroupType groupType;
    private State state;
    private long dirtySeq;
    private long nextDirtySeq;
    private long retryAtNanos;
    private int failedAttempts;
    private long dispatchSeq;
    private boolean solo;
    /** Read by the dispatch timer's thread before it sends a reserved call. */
    private volatile boolean dropped;

    PendingWork(PendingKey key, TopicPartition partition) {
        this.key = key;
        this.partition = partition;
    }

    public PendingKey key() {
        return key;
    }

    public TopicPartition partition() {
        return partition;
    }

    public State state() {
        return state;
    }

    /** The order in which keys became dirty; lower is served first. */
    public long dirtySeq() {
        return dirtySeq;
    }

    public long retryAtNanos() {
        return retryAtNanos;
    }

    /** Failed dispatches since the key last succeeded. */
    public int failedAttempts() {
        return failedAttempts;
    }

    /** For the dispatch in flight, else for the edits waiting: their group type and their common operator. */
    public PlanContext context() {
        MergedPatch merged = sending != null ? sending : next;
        return new PlanContext(groupType, merged == null ? null : merged.commonOperator());
    }

    /** Identifies the dispatch in flight, so that an answer for an older one is recognised and ignored. */
    public long dispatchSeq() {
        return dispatchSeq;
    }

    /**
     * Merges one event's patch, stripped of its stale values ({@code stale} says which). True if the key just became
     * ready (it was idle before).
     */
    boolean add(CoveredEvent event, Patch patch, FieldFates stale, PlanContext eventContext, long seq) {
        if (next == null) {
            next = new MergedPatch();
            nextDirtySeq = seq;
        }
        next.add(event, patch, stale, eventContext.operator());
        if (eventContext.groupType() != null) {
            groupType = eventContext.groupType();
        }
        if (state == null) {
            state = State.READY;
            dirtySeq = seq;
            return true;
        }
        return false;
    }

    /** The edits waiting to be sent, merged; null when none wait. */
    public Patch waitingPatch() {
        return next == null ? null : next.patch();
    }

    /** Whether the key's next dispatch must travel alone: it was in a batch the vendor refused as a whole. */
    public boolean isSolo() {
        return solo;
    }

    public void markSolo() {
        solo = true;
    }

    /** Whether the key was dropped with its partition; answers for it are ignored and its tickets discarded. */
    public boolean isDropped() {
        return dropped;
    }

    void drop() {
        dropped = true;
    }

    /** Takes the merged edits for sending. The caller must have found the key READY. */
    public Patch startDispatch(long seq) {
        requireState(State.READY);
        sending = next;
        next = null;
        state = State.IN_FLIGHT;
        dispatchSeq = seq;
        return sending.patch();
    }

    /**
     * Takes back a dispatch that was planned but not sent (it could not join a batch): its edits go back under any
     * newer ones and the key is READY again in its place, to be planned afresh when its own token is due.
     */
    public void unstartDispatch() {
        requireState(State.IN_FLIGHT);
        if (next != null) {
            sending.absorb(next);
        }
        next = sending;
        sending = null;
        state = State.READY;
    }

    /** Events the dispatch in flight covers. */
    public List<CoveredEvent> sendingEvents() {
        return sending.events();
    }

    /** What the dispatch in flight sends: whose values, and the values its events did not send. */
    public SentPatch sendingPatch() {
        return sending.sent();
    }

    /** The newest value of the field the key holds, in flight or waiting; null if it holds none. */
    MergedPatch.Owner newestOwner(Field field) {
        return newer(sending == null ? null : sending.owner(field), next == null ? null : next.owner(field));
    }

    /** The newest value of the custom-data key the key holds, in flight or waiting; null if it holds none. */
    MergedPatch.Owner newestOwner(String customKey) {
        return newer(sending == null ? null : sending.owner(customKey), next == null ? null : next.owner(customKey));
    }

    private static MergedPatch.Owner newer(MergedPatch.Owner a, MergedPatch.Owner b) {
        return a == null ? b : b == null || a.version().isNewerThan(b.version()) ? a : b;
    }

    /**
     * The dispatch in flight is finished, applied or given up; newer edits, if any, make the key ready again in
     * the place of the first of them.
     */
    public void finishDispatch() {
        requireState(State.IN_FLIGHT);
        sending = null;
        failedAttempts = 0;
        solo = false;
        if (next == null) {
            state = null;
            return;
        }
        state = State.READY;
        dirtySeq = nextDirtySeq;
    }

    /**
     * The dispatch failed transiently: its edits go back under the newer ones, to be retried at {@code atNanos}.
     * A throttled call does not count as a failed attempt: the vendor only asked us to slow down.
     */
    public void retryLater(long atNanos, boolean countsAsAttempt) {
        requireState(State.IN_FLIGHT);
        if (countsAsAttempt) {
            failedAttempts++;
        }
        if (next != null) {
            sending.absorb(next);
        }
        next = sending;
        sending = null;
        retryAtNanos = atNanos;
        state = State.BACKOFF;
    }

    /** The retry is due: the key competes for a token again, in its original first-dirty place. */
    public void retryDue() {
        requireState(State.BACKOFF);
        retryAtNanos = 0;
        state = State.READY;
    }

    /** Whether the key holds nothing to send and nothing in flight, and can be forgotten. */
    public boolean isIdle() {
        return state == null;
    }

    /** Every event the key holds: in flight and waiting. */
    public int eventCount() {
        return (next == null ? 0 : next.events().size()) + (sending == null ? 0 : sending.events().size());
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException(key + " is " + state + ", expected " + expected);
        }
    }
}
