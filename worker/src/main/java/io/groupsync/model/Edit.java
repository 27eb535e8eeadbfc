package io.groupsync.model;

import io.groupsync.event.GroupType;
import java.util.List;

/**
 * One decoded, validated event: an edit of one target of one group, and where it came from.
 *
 * @param targetRoutes the routes the event names, or null for every route
 */
public record Edit(String eventId, long occurredAtMillis, String groupId, GroupType groupType, String operator,
                   List<String> targetRoutes, Target target, Patch patch, SourceRecord source) {

    /** The same edit from the same record, held without the record's value. */
    public Edit withoutSourceValue() {
        return new Edit(eventId, occurredAtMillis, groupId, groupType, operator, targetRoutes, target, patch,
                source.withoutValue());
    }
}
