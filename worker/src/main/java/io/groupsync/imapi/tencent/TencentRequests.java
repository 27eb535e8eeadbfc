package io.groupsync.imapi.tencent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.http.JsonPayload;
import io.groupsync.imapi.http.Redaction;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a merged patch into the body of modify_group_base_info or modify_group_member_info, in the field order of
 * Tencent's own samples, with only the fields the patch carries (absent means unchanged, for Tencent as for us).
 */
final class TencentRequests {

    static final String MODIFY_GROUP_BASE_INFO = "modify_group_base_info";
    static final String MODIFY_GROUP_MEMBER_INFO = "modify_group_member_info";
    static final String FORBID_SEND_MSG = "forbid_send_msg";
    /** The most members one forbid_send_msg takes. */
    static final int MAX_FORBID_MEMBERS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String servicePath;
    private final String redactedQuery;

    /**
     * @param servicePath the encoded path of the group service, e.g. {@code /v4/group_open_http_svc}
     * @param fixedQuery  the encoded query parameters that are the same on every call (sdkappid, identifier)
     */
    TencentRequests(String servicePath, String fixedQuery) {
        this.servicePath = servicePath;
        // The UserSig is a credential and the random is drawn per send, so neither is known, or shown, here.
        this.redactedQuery = "?" + fixedQuery + "&usersig=" + Redaction.MARKER + "&random=<random>&contenttype=json";
    }

    VendorCall groupBaseInfo(String groupId, Patch patch, PlanContext context) {
        ObjectNode body = JSON.createObjectNode();
        Set<Field> fields = EnumSet.noneOf(Field.class);
        body.put("GroupId", groupId);
        string(body, fields, patch, Field.NAME, "Name");
        string(body, fields, patch, Field.INTRODUCTION, "Introduction");
        string(body, fields, patch, Field.NOTIFICATION, "Notification");
        string(body, fields, patch, Field.FACE_URL, "FaceUrl");
        if (patch.has(Field.MAX_MEMBER_NUM)) {
            body.put("MaxMemberNum", patch.get(Field.MAX_MEMBER_NUM, Integer.class));
            fields.add(Field.MAX_MEMBER_NUM);
        }
        if (patch.has(Field.JOIN_OPTION)) {
            body.put("ApplyJoinOption", applyJoinOption(patch.get(Field.JOIN_OPTION, JoinOption.class)));
            fields.add(Field.JOIN_OPTION);
        }
        if (patch.has(Field.INVITE_OPTION)) {
            body.put("InviteJoinOption", inviteJoinOption(patch.get(Field.INVITE_OPTION, InviteOption.class)));
            fields.add(Field.INVITE_OPTION);
        }
        if (patch.has(Field.MUTE_ALL)) {
            body.put("MuteAllMember", patch.get(Field.MUTE_ALL, Boolean.class) ? "On" : "Off");
            fields.add(Field.MUTE_ALL);
        }
        customData(body, fields, patch, Field.CUSTOM_DATA, "AppDefinedData");
        if (context.operator() != null) {
            body.put("From_Account", context.operator());
        }
        return call(MODIFY_GROUP_BASE_INFO, fields, body);
    }

    /** {@code nowMillis}: a mute is a deadline, sent as the whole seconds left at planning time. */
    VendorCall groupMemberInfo(String groupId, String memberId, Patch patch, long nowMillis) {
        ObjectNode body = JSON.createObjectNode();
        Set<Field> fields = EnumSet.noneOf(Field.class);
        body.put("GroupId", groupId);
        body.put("Member_Account", memberId);
        if (patch.has(Field.ROLE)) {
            body.put("Role", role(patch.get(Field.ROLE, MemberRole.class)));
            fields.add(Field.ROLE);
        }
        if (patch.has(Field.MSG_FLAG)) {
            body.put("MsgFlag", msgFlag(patch.get(Field.MSG_FLAG, MsgFlag.class)));
            fields.add(Field.MSG_FLAG);
        }
        string(body, fields, patch, Field.NAME_CARD, "NameCard");
        if (patch.has(Field.MUTE)) {
            // 0 unmutes (also a deadline already past); a mute for ever is 4294967295, Tencent's own word for it.
            body.put("MuteTime", patch.get(Field.MUTE, MuteDeadline.class).remainingSeconds(nowMillis));
            fields.add(Field.MUTE);
        }
        customData(body, fields, patch, Field.MEMBER_CUSTOM_DATA, "AppMemberDefinedData");
        return call(MODIFY_GROUP_MEMBER_INFO, fields, body);
    }

    /** forbid_send_msg: mutes (or, with 0, unmutes) up to 500 members of one group for the same time. */
    VendorCall forbidSendMsg(String groupId, List<String> members, long muteTime) {
        ObjectNode body = JSON.createObjectNode();
        body.put("GroupId", groupId);
        ArrayNode accounts = body.putArray("Members_Account");
        members.forEach(accounts::add);
        body.put("MuteTime", muteTime);
        return call(FORBID_SEND_MSG, EnumSet.of(Field.MUTE), body);
    }

    /** One forbid_send_msg for several calls that each only mute one member of the same group for the same time. */
    VendorCall forbidSendMsgBatch(List<VendorCall> calls) {
        List<String> members = new ArrayList<>();
        for (VendorCall call : calls) {
            if (!sameGroupAndMute(calls.get(0), call)) {
                throw new IllegalArgumentException("only mutes of one group for one time travel together");
            }
            ObjectNode body = JsonPayload.treeOf(call);
            body.path("Members_Account").forEach(m -> members.add(m.asText()));
            if (body.has("Member_Account")) {
                members.add(body.get("Member_Account").asText());
            }
        }
        ObjectNode first = JsonPayload.treeOf(calls.get(0));
        return forbidSendMsg(first.get("GroupId").asText(), members, muteTime(calls.get(0)).orElseThrow());
    }

    /** The mute time of a call that does nothing but mute (a member edit or a forbid_send_msg), else empty. */
    static Optional<Long> muteTime(VendorCall call) {
        boolean muteOnly = call.fields().equals(EnumSet.of(Field.MUTE))
                && (MODIFY_GROUP_MEMBER_INFO.equals(call.api()) || FORBID_SEND_MSG.equals(call.api()));
        return muteOnly ? Optional.of(JsonPayload.treeOf(call).get("MuteTime").asLong()) : Optional.empty();
    }

    static boolean sameGroupAndMute(VendorCall a, VendorCall b) {
        Optional<Long> time = muteTime(a);
        return time.isPresent() && time.equals(muteTime(b))
                && JsonPayload.treeOf(a).path("GroupId").equals(JsonPayload.treeOf(b).path("GroupId"));
    }

    private VendorCall call(String api, Set<Field> fields, ObjectNode body) {
        String head = "POST " + servicePath + "/" + api + redactedQuery + "\n";
        return new VendorCall(api, Collections.unmodifiableSet(fields), new JsonPayload(head, body));
    }

    private static void string(ObjectNode body, Set<Field> fields, Patch patch, Field field, String name) {
        if (patch.has(field)) {
            body.put(name, patch.get(field, String.class));
            fields.add(field);
        }
    }

    /** {@code [{"Key","Value"}]} in the patch's key order; a deleted key is sent with "", Tencent's deletion. */
    private static void customData(ObjectNode body, Set<Field> fields, Patch patch, Field field, String name) {
        if (!patch.has(field)) {
            return;
        }
        ArrayNode pairs = body.putArray(name);
        for (Map.Entry<String, String> entry : patch.customData().entrySet()) {
            pairs.addObject().put("Key", entry.getKey()).put("Value", entry.getValue() == null ? "" : entry.getValue());
        }
        fields.add(field);
    }

    private static String applyJoinOption(JoinOption option) {
        return switch (option) {
            case FREE_ACCESS -> "FreeAccess";
            case NEED_PERMISSION -> "NeedPermission";
            case DISABLE_APPLY -> "DisableApply";
        };
    }

    private static String inviteJoinOption(InviteOption option) {
        return switch (option) {
            case FREE_ACCESS -> "FreeAccess";
            case NEED_PERMISSION -> "NeedPermission";
            case DISABLE_INVITE -> "DisableInvite";
        };
    }

    private static String role(MemberRole role) {
        return switch (role) {
            case ADMIN -> "Admin";
            case MEMBER -> "Member";
            // TencentLimits refuses OWNER before merging; reaching here is a bug, not bad input.
            case OWNER -> throw new IllegalArgumentException("the owner cannot be set by a profile edit");
        };
    }

    private static String msgFlag(MsgFlag flag) {
        return switch (flag) {
            case ACCEPT_AND_NOTIFY -> "AcceptAndNotify";
            case ACCEPT_NOT_NOTIFY -> "AcceptNotNotify";
            case DISCARD -> "Discard";
            case ACCEPT_NOT_NOTIFY_EXCEPT_AT -> "AcceptNotNotifyExceptAt";
        };
    }
}
