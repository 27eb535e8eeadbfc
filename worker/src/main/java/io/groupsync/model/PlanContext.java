package io.groupsync.model;

import io.groupsync.event.GroupType;

/**
 * What a client may need beyond the patch to build a request: facts carried by the newest event merged in.
 *
 * @param groupType the group's type if an event said it, else null
 * @param operator  the account the change is made on behalf of, if an event said it, else null
 */
public record PlanContext(GroupType groupType, String operator) {

    public static final PlanContext NONE = new PlanContext(null, null);
}
