package io.groupsync.model;

import io.groupsync.model.Target;

/** What pending work is keyed by: one route, one group, one target in it (docs/design.md, "Coalesce"). */
public record PendingKey(String route, String groupId, Target target) {

    @Override
    public String toString() {
        return route + "/" + groupId + "/" + target;
    }
}
