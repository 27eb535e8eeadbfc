package io.groupsync.testkit.emulator.openim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The groups and members the OpenIM emulator holds. Every method is atomic, so a batch either changes every entry
 * or none. Unknown groups and members answer OpenIM's codes unless auto-create is on (load tests), in which case
 * they are created with defaults on first edit.
 */
final class GroupBook {

    /** One member's change within a batch. */
    record MemberEdit(String groupID, String userID, UnaryOperator<MemberState> change) {
    }

    private final Map<String, GroupState> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, MemberState>> members = new LinkedHashMap<>();
    private boolean autoCreate;

    synchronized void setAutoCreate(boolean on) {
        autoCreate = on;
    }

    synchronized void putGroup(GroupState group) {
        groups.put(group.groupID(), group);
        members.computeIfAbsent(group.groupID(), g -> new LinkedHashMap<>());
    }

    synchronized void putMember(MemberState member) {
        if (!groups.containsKey(member.groupID())) {
            throw new IllegalStateException("seed group " + member.groupID() + " before its members");
        }
        members.get(member.groupID()).put(member.userID(), member);
    }

    synchronized Optional<GroupState> group(String groupID) {
        return Optional.ofNullable(groups.get(groupID));
    }

    synchronized Map<String, GroupState> groups() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    synchronized Optional<MemberState> member(String groupID, String userID) {
        return Optional.ofNullable(members.getOrDefault(groupID, Map.of()).get(userID));
    }

    synchronized Map<String, MemberState> members(String groupID) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(members.getOrDefault(groupID, Map.of())));
    }

    /** Changes a group that exists and is not dismissed (1004 / 1204 otherwise, as {@code set_group_info_ex}). */
    synchronized void updateGroup(String groupID, UnaryOperator<GroupState> change) {
        GroupState group = groups.get(groupID);
        if (group == null && autoCreate) {
            putGroup(group = GroupState.of(groupID));
        }
        if (group == null) {
            throw OpenImError.recordNotFound();
        }
        if (group.dismissed()) {
            throw OpenImError.dismissedAlready();
        }
        groups.put(groupID, change.apply(group));
    }

    /**
     * {@code set_group_member_info}: every (group, user) must be a member, else 1001 "user not in group" and no
     * entry changes. The server checks membership only, so a missing group is answered the same way.
     */
    synchronized void updateMembers(List<MemberEdit> edits) {
        for (MemberEdit edit : edits) {
            if (find(edit.groupID(), edit.userID()) == null) {
                throw OpenImError.args("user not in group " + edit.groupID() + " " + edit.userID());
            }
        }
        for (MemberEdit edit : edits) {
            MemberState member = find(edit.groupID(), edit.userID());
            members.get(edit.groupID()).put(edit.userID(), edit.change().apply(member));
        }
    }

    /** A single member's change, 1004 when it is not a member (the server's {@code TakeGroupMember}). */
    synchronized void updateMember(String groupID, String userID, UnaryOperator<MemberState> change) {
        MemberState member = find(groupID, userID);
        if (member == null) {
            throw OpenImError.recordNotFound();
        }
        members.get(groupID).put(userID, change.apply(member));
    }

    /** The member, created first when auto-create is on; null when absent. */
    private MemberState find(String groupID, String userID) {
        if (autoCreate && !groups.containsKey(groupID)) {
            putGroup(GroupState.of(groupID));
        }
        Map<String, MemberState> ofGroup = members.get(groupID);
        if (ofGroup == null) {
            return null;
        }
        if (autoCreate) {
            return ofGroup.computeIfAbsent(userID, u -> MemberState.of(groupID, u));
        }
        return ofGroup.get(userID);
    }
}
