package io.groupsync.dispatch;

import io.groupsync.model.CoveredEvent;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SentPatch;
import io.groupsync.imapi.VendorCall;
import java.util.List;

/** Where a finished dispatch hands its events' outcomes: the record stage. */
public interface OutcomeSink {

    /** The vendor applied the dispatch; {@code sent} says whose values it carried and what became of the rest. */
    void applied(PendingKey key, List<CoveredEvent> events, SentPatch sent, DispatchInfo info);

    /** The dispatch cannot succeed: its events fail and go to the dead-letter topic with the failed request. */
    void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                DispatchInfo info);
}
