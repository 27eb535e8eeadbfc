package io.groupsync.model;

import java.util.Map;

/**
 * What a dispatch sent, by event: whose value each field and custom-data key carried, and, for every event, the
 * fields whose value it did not send and why ({@link FieldFates}). The record stage writes the results and the
 * versions applied from it.
 */
public record SentPatch(Map<Field, CoveredEvent> fieldOwners, Map<String, CoveredEvent> keyOwners, FieldFates fates) {

    /** Whether none of the event's values were sent: replaced, or stale. */
    public boolean superseded(CoveredEvent event) {
        return fates.noneSent(event);
    }
}
