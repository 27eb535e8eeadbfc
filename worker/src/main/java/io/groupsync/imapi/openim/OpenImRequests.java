package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.OpenImPermission;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.JsonPayload;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A patch as OpenIM requests (docs/vendors/openim.md, "OpenIM server"): pure, so the bodies are golden-tested.
 *
 * <p>Order of calls: for a group, {@code set_group_info_ex} then the group mute; for a member, the mute first, so
 * that the seconds computed at plan time are sent at once rather than after the profile call's own wait for a
 * token, then {@code set_group_member_info}.
 */
final class OpenImRequests {

    static final String SET_GROUP_INFO_EX = "group/set_group_info_ex";
    static final String SET_GROUP_MEMBER_INFO = "group/set_group_member_info";
    static final String MUTE_GROUP = "group/mute_group";
    static final String CANCEL_MUTE_GROUP = "group/cancel_mute_group";
    static final String MUTE_GROUP_MEMBER = "group/mute_group_member";
    static final String CANCEL_MUTE_GROUP_MEMBER = "group/cancel_mute_group_member";
    /** OpenIM's member role levels ({@code constant.GroupOrdinaryUsers}, {@code constant.GroupAdmin}). */
    static final int ROLE_MEMBER = 20;
    static final int ROLE_ADMIN = 60;

    private static final Set<Field> INFO_EX_FIELDS = EnumSet.of(Field.NAME, Field.NOTIFICATION,
            Field.INTRODUCTION, Field.FACE_URL, Field.CUSTOM_DATA, Field.JOIN_OPTION,
            Field.OPENIM_LOOK_MEMBER_INFO, Field.OPENIM_APPLY_MEMBER_FRIEND);
    private static final Set<Field> MEMBER_INFO_FIELDS = EnumSet.of(Field.NAME_CARD, Field.ROLE,
            Field.MEMBER_CUSTOM_DATA);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of {@code set_group_member_info}: a member's patch (members of several groups may share a call). */
    record MemberEntry(String groupId, String userId, Patch patch) {
    }

    private OpenImRequests() {
    }

    /** The API the first call of {@link #plan} will use, with mutes judged at {@code nowMillis}. */
    static String firstApi(Target target, Patch patch, long nowMillis) {
        if (target.kind() == TargetKind.GROUP) {
            if (carries(patch, TargetKind.GROUP, INFO_EX_FIELDS)) {
                return SET_GROUP_INFO_EX;
            }
            return Boolean.TRUE.equals(patch.get(Field.MUTE_ALL, Boolean.class)) ? MUTE_GROUP : CANCEL_MUTE_GROUP;
        }
        MuteDeadline mute = patch.get(Field.MUTE, MuteDeadline.class);
        if (mute != null) {
            return mute.remainingSeconds(nowMillis) > 0 ? MUTE_GROUP_MEMBER : CANCEL_MUTE_GROUP_MEMBER;
        }
        return SET_GROUP_MEMBER_INFO;
    }

    static List<VendorCall> plan(String groupId, Target target, Patch patch, long nowMillis) {
        List<VendorCall> calls = new ArrayList<>();
        if (target.kind() == TargetKind.GROUP) {
            if (carries(patch, TargetKind.GROUP, INFO_EX_FIELDS)) {
                calls.add(call(SET_GROUP_INFO_EX, fieldsOf(patch, TargetKind.GROUP, INFO_EX_FIELDS),
                        groupInfoEx(groupId, patch)));
            }
            Boolean muteAll = patch.get(Field.MUTE_ALL, Boolean.class);
            if (muteAll != null) {
                calls.add(call(muteAll ? MUTE_GROUP : CANCEL_MUTE_GROUP, EnumSet.of(Field.MUTE_ALL), group(groupId)));
            }
        } else {
            MuteDeadline mute = patch.get(Field.MUTE, MuteDeadline.class);
            if (mute != null) {
                long seconds = mute.remainingSeconds(nowMillis);
                calls.add(seconds > 0
                        ? call(MUTE_GROUP_MEMBER, EnumSet.of(Field.MUTE), muteMember(groupId, target.memberId(), seconds))
                        : call(CANCEL_MUTE_GROUP_MEMBER, EnumSet.of(Field.MUTE), member(groupId, target.memberId())));
            }
            if (carries(patch, TargetKind.MEMBER, MEMBER_INFO_FIELDS)) {
                calls.add(call(SET_GROUP_MEMBER_INFO, fieldsOf(patch, TargetKind.MEMBER, MEMBER_INFO_FIELDS),
                        memberInfo(List.of(new MemberEntry(groupId, target.memberId(), patch)))));
            }
        }
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("nothing OpenIM can send for " + target + " in " + patch);
        }
        return calls;
    }

    /** {@code set_group_info_ex}; {@code ex} is a merge patch object here, see {@link OpenImEx}. */
    static ObjectNode groupInfoEx(String groupId, Patch patch) {
        ObjectNode body = JSON.createObjectNode().put("groupID", groupId);
        putText(body, "groupName", patch, Field.NAME);
        putText(body, "notification", patch, Field.NOTIFICATION);
        putText(body, "introduction", patch, Field.INTRODUCTION);
        putText(body, "faceURL", patch, Field.FACE_URL);
        if (patch.has(Field.CUSTOM_DATA)) {
            body.set("ex", OpenImEx.mergePatch(patch.customData()));
        }
        JoinOption join = patch.get(Field.JOIN_OPTION, JoinOption.class);
        if (join != null) {
            body.put("needVerification", needVerification(join));
        }
        OpenImPermission look = patch.get(Field.OPENIM_LOOK_MEMBER_INFO, OpenImPermission.class);
        if (look != null) {
            body.put("lookMemberInfo", permission(look));
        }
        OpenImPermission friend = patch.get(Field.OPENIM_APPLY_MEMBER_FRIEND, OpenImPermission.class);
        if (friend != null) {
            body.put("applyMemberFriend", permission(friend));
        }
        return body;
    }

    /** The most members OpenIM takes in one {@code set_group_member_info}. */
    static final int MAX_MEMBERS_PER_CALL = 1000;

    /** One {@code set_group_member_info} carrying the members of several planned ones (of any groups), in order. */
    static VendorCall memberInfoBatch(List<VendorCall> calls) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode members = body.putArray("members");
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (VendorCall call : calls) {
            if (!SET_GROUP_MEMBER_INFO.equals(call.api())) {
                throw new IllegalArgumentException("only set_group_member_info calls travel together: " + call.api());
            }
            // The members' nodes are shared, not copied: a planned tree is never changed.
            JsonPayload.treeOf(call).path("members").forEach(members::add);
            fields.addAll(call.fields());
        }
        return call(SET_GROUP_MEMBER_INFO, fields, body);
    }

    /** {@code set_group_member_info} for any number of entries (up to 1000 per call at the vendor). */
    static ObjectNode memberInfo(List<MemberEntry> entries) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode members = body.putArray("members");
        for (MemberEntry entry : entries) {
            ObjectNode member = members.addObject().put("groupID", entry.groupId()).put("userID", entry.userId());
            putText(member, "nickname", entry.patch(), Field.NAME_CARD);
            MemberRole role = entry.patch().get(Field.ROLE, MemberRole.class);
            if (role != null) {
                member.put("roleLevel", roleLevel(role));
            }
            if (entry.patch().has(Field.MEMBER_CUSTOM_DATA)) {
                member.set("ex", OpenImEx.mergePatch(entry.patch().customData()));
            }
        }
        return body;
    }

    static ObjectNode muteMember(String groupId, String userId, long seconds) {
        return member(groupId, userId).put("mutedSeconds", seconds);
    }

    /** The body of {@code cancel_mute_group_member}. */
    static ObjectNode member(String groupId, String userId) {
        return group(groupId).put("userID", userId);
    }

    /** The body of {@code mute_group} and {@code cancel_mute_group}. */
    static ObjectNode group(String groupId) {
        return JSON.createObjectNode().put("groupID", groupId);
    }

    /**
     * Decision: OpenIM's needVerification governs applicants and invitees together, except 0, which verifies
     * applicants and lets invitees in directly. groupsync's joinOption speaks of applicants only, so it maps onto
     * the two uniform values: FREE_ACCESS → 2 (direct join), NEED_PERMISSION → 1 (verification for all). Mapping
     * NEED_PERMISSION to 0 would silently let invitees in directly where a group verified them; 1 may only ever
     * tighten. DISABLE_APPLY has no value and is refused by {@link OpenImLimits#violations}.
     */
    static int needVerification(JoinOption option) {
        return switch (option) {
            case FREE_ACCESS -> 2;
            case NEED_PERMISSION -> 1;
            case DISABLE_APPLY -> throw new IllegalArgumentException(
                    "DISABLE_APPLY has no needVerification value; violations() refuses it");
        };
    }

    static int permission(OpenImPermission permission) {
        return permission == OpenImPermission.ALLOWED ? 0 : 1;
    }

    static int roleLevel(MemberRole role) {
        return switch (role) {
            case MEMBER -> ROLE_MEMBER;
            case ADMIN -> ROLE_ADMIN;
            case OWNER -> throw new IllegalArgumentException("OWNER cannot be set; violations() refuses it");
        };
    }

    private static VendorCall call(String api, Set<Field> fields, ObjectNode body) {
        // Nothing secret travels in an OpenIM body: the token is a header.
        return new VendorCall(api, Set.copyOf(fields), new JsonPayload("POST /" + api + " ", body));
    }

    private static boolean carries(Patch patch, TargetKind kind, Set<Field> fields) {
        return !fieldsOf(patch, kind, fields).isEmpty();
    }

    private static Set<Field> fieldsOf(Patch patch, TargetKind kind, Set<Field> fields) {
        Set<Field> out = EnumSet.noneOf(Field.class);
        out.addAll(patch.fields(kind));
        out.retainAll(fields);
        return out;
    }

    private static void putText(ObjectNode body, String name, Patch patch, Field field) {
        String value = patch.get(field, String.class);
        if (value != null) {
            body.put(name, value);
        }
    }
}
