package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two read routes a client needs to merge into the opaque {@code ex} string instead of overwriting it:
 * {@code /group/get_groups_info} and {@code /group/get_group_members_info}, answering with the server's field names
 * (a subset of v3.8's {@code GroupInfo} and {@code GroupMemberFullInfo}: the fields the emulator keeps).
 *
 * <p>Decision: unknown groups and non-members are left out of the answer rather than refused, as the server's
 * {@code FindGroup} / {@code FindGroupMembers} return what they find; a dismissed group is returned with status 2.
 * An empty or missing id list is 1001, as the server's argument check.
 */
final class GroupReads {

    private final GroupBook book;

    GroupReads(GroupBook book) {
        this.book = book;
    }

    /** {@code {"groupIDs":[…]}} → {@code data:{"groupInfos":[…]}}. */
    Map<String, Object> getGroupsInfo(JsonNode body) {
        List<Map<String, Object>> infos = new ArrayList<>();
        for (String groupID : ids(body, "groupIDs")) {
            book.group(groupID).ifPresent(g -> infos.add(info(g)));
        }
        return Map.of("groupInfos", infos);
    }

    /** {@code {"groupID","userIDs":[…]}} → {@code data:{"members":[…]}}. */
    Map<String, Object> getGroupMembersInfo(JsonNode body) {
        String groupID = Fields.requiredString(body, "groupID");
        List<Map<String, Object>> members = new ArrayList<>();
        for (String userID : ids(body, "userIDs")) {
            Optional<MemberState> member = book.member(groupID, userID);
            member.ifPresent(m -> members.add(info(m)));
        }
        return Map.of("members", members);
    }

    private static List<String> ids(JsonNode body, String name) {
        JsonNode ids = body.get(name);
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw OpenImError.args(name + " is empty");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.textValue().isEmpty()) {
                throw OpenImError.args(name + " must hold non-empty strings");
            }
            out.add(id.textValue());
        }
        return out;
    }

    private static Map<String, Object> info(GroupState g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupID", g.groupID());
        out.put("groupName", g.groupName());
        out.put("notification", g.notification());
        out.put("introduction", g.introduction());
        out.put("faceURL", g.faceURL());
        out.put("ex", g.ex());
        out.put("status", g.status());
        out.put("needVerification", g.needVerification());
        out.put("lookMemberInfo", g.lookMemberInfo());
        out.put("applyMemberFriend", g.applyMemberFriend());
        return out;
    }

    private static Map<String, Object> info(MemberState m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupID", m.groupID());
        out.put("userID", m.userID());
        out.put("nickname", m.nickname());
        out.put("faceURL", m.faceURL());
        out.put("roleLevel", m.roleLevel());
        out.put("ex", m.ex());
        out.put("muteEndTime", m.muteEndTime());
        return out;
    }
}
