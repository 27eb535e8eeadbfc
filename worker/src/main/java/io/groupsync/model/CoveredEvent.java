package io.groupsync.model;

import java.util.Map;
import java.util.Set;

/**
 * One event's share in a pending patch of one route: enough to write its outcome once the patch is sent.
 *
 * @param fields  the fields it asked this route to change (those the vendor offers)
 * @param skipped the fields it asked for that the vendor does not offer, with reasons
 */
public record CoveredEvent(String eventId, long occurredAtMillis, SourceRecord source, Set<Field> fields,
                           Map<Field, String> skipped) {

    /** Its version, which the stale-edit check compares; intake refused a record whose replay headers are bad. */
    public Version version() {
        return Version.of(source, occurredAtMillis);
    }
}
