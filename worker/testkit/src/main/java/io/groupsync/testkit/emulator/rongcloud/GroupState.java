package io.groupsync.testkit.emulator.rongcloud;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What RongCloud holds for one hosted group, under the vendor's field names. Immutable; a fresh snapshot per query.
 *
 * @param groupExtProfile the {@code ext_} pairs, sorted by key
 */
public record GroupState(String groupId, GroupProfile groupProfile, Permissions permissions,
                         SortedMap<String, String> groupExtProfile) {

    public GroupState {
        groupExtProfile = Collections.unmodifiableSortedMap(new TreeMap<>(groupExtProfile));
    }

    /** A group as RongCloud creates it: the given name, nothing else set, every permission at its default 0. */
    public static GroupState created(String groupId, String name) {
        return new GroupState(groupId, new GroupProfile(name, null, null, null), Permissions.DEFAULTS,
                new TreeMap<>());
    }

    GroupState merge(GroupPatch patch) {
        SortedMap<String, String> ext = new TreeMap<>(groupExtProfile);
        // Decision (docs silent): an empty value deletes the key, as Tencent's AppDefinedData does; the worker
        // has no other way to remove a custom key.
        patch.groupExtProfile().forEach((key, value) -> {
            if (value.isEmpty()) {
                ext.remove(key);
            } else {
                ext.put(key, value);
            }
        });
        return new GroupState(groupId, groupProfile.with(patch.groupProfile()),
                permissions.with(patch.permissions()), ext);
    }

    /** {@code groupProfile}; a field never set is null. */
    public record GroupProfile(String name, String introduction, String announcement, String portraitUrl) {

        GroupProfile with(Map<String, String> changes) {
            return new GroupProfile(changes.getOrDefault("name", name),
                    changes.getOrDefault("introduction", introduction),
                    changes.getOrDefault("announcement", announcement),
                    changes.getOrDefault("portraitUrl", portraitUrl));
        }
    }

    /** {@code permissions}; each defaults to 0 as the vendor page says. */
    public record Permissions(int joinPerm, int removePerm, int memInvitePerm, int invitePerm, int profilePerm,
                              int memProfilePerm) {

        public static final Permissions DEFAULTS = new Permissions(0, 0, 0, 0, 0, 0);

        Permissions with(Map<String, Integer> changes) {
            return new Permissions(changes.getOrDefault("joinPerm", joinPerm),
                    changes.getOrDefault("removePerm", removePerm),
                    changes.getOrDefault("memInvitePerm", memInvitePerm),
                    changes.getOrDefault("invitePerm", invitePerm),
                    changes.getOrDefault("profilePerm", profilePerm),
                    changes.getOrDefault("memProfilePerm", memProfilePerm));
        }
    }
}
