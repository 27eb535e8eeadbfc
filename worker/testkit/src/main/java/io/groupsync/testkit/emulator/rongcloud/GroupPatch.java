package io.groupsync.testkit.emulator.rongcloud;

import java.util.Map;

/**
 * One validated {@code profile/update.json} call: the fields it names, by the vendor's keys. An absent field is
 * unchanged; an empty {@code groupExtProfile} value deletes its key.
 */
record GroupPatch(String groupId, Map<String, String> groupProfile, Map<String, Integer> permissions,
                  Map<String, String> groupExtProfile) {

    GroupPatch {
        groupProfile = Map.copyOf(groupProfile);
        permissions = Map.copyOf(permissions);
        groupExtProfile = Map.copyOf(groupExtProfile);
    }
}
