package io.groupsync.dispatch;

import io.groupsync.model.CoveredEvent;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.PendingKey;
import io.groupsync.imapi.VendorCall;
import java.util.List;
import java.util.Set;

/** Where a finished dispatch hands its events' outcomes: the record stage. */
public interface OutcomeSink {

    /** The vendor applied the dispatch; {@code superseded} events had every value replaced by a later one. */
    void applied(PendingKey key, List<CoveredEvent> events, Set<CoveredEvent> superseded, DispatchInfo info);

    /** The dispatch cannot succeed: its events fail and go to the dead-letter topic with the failed request. */
    void failed(PendingKey key, List<CoveredEvent> events, VendorCall call, DeadLetterReason reason,
                DispatchInfo info);
}
