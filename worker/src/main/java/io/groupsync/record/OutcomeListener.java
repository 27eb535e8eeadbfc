package io.groupsync.record;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncStatus;

/**
 * Told of each outcome as it is decided, for metrics; on the pipeline thread. Work redone after an aborted
 * transaction tells its outcomes again.
 */
public interface OutcomeListener {

    OutcomeListener NONE = new OutcomeListener() {
    };

    /** A result of an event on a route. */
    default void result(String route, SyncStatus status) {
    }

    /**
     * A dead letter.
     *
     * @param route null for a record that changes no vendor: one that cannot be decoded or is invalid for every route
     */
    default void deadLetter(String route, DeadLetterReason reason) {
    }
}
