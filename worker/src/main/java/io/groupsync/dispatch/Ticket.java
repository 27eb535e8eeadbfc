package io.groupsync.dispatch;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.imapi.VendorCall;
import java.util.List;

/**
 * A key waiting for a token: either to start a dispatch ({@code plan} null: planned only when its token is due, so
 * a mute carries fresh seconds), or to send the next call of one in flight.
 *
 * @param priority    the place in its API's queue, lowest first: the key's first-dirty order
 * @param dispatchSeq the dispatch the plan belongs to; 0 before it starts
 */
record Ticket(PendingWork work, long priority, long dispatchSeq, List<VendorCall> plan) {

    static Ticket start(PendingWork work) {
        return new Ticket(work, work.dirtySeq(), 0, null);
    }

    /** The rest of a dispatch's plan, {@code plan.get(0)} to be sent next. */
    static Ticket next(PendingWork work, long dispatchSeq, List<VendorCall> plan) {
        return new Ticket(work, work.dirtySeq(), dispatchSeq, plan);
    }

    boolean starts() {
        return plan == null;
    }
}
