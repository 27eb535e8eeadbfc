package io.groupsync.testkit.emulator.tencent;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.tencent.TencentState.Group;
import io.groupsync.testkit.emulator.tencent.TencentState.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** forbid_send_msg (batch mute) and get_group_info (what the vendor holds, in Tencent's shape). */
final class MuteAndQueryCommands {

    static final int MAX_MUTE_ACCOUNTS = 500;
    static final int MAX_QUERY_GROUPS = 50;

    private final TencentState state;
    private final EmulatorClock clock;

    MuteAndQueryCommands(TencentState state, EmulatorClock clock) {
        this.state = state;
        this.clock = clock;
    }

    EmulatorResponse forbidSendMsg(Body body) {
        String groupId = body.groupId();
        List<String> accounts = body.stringArray("Members_Account", 1, MAX_MUTE_ACCOUNTS);
        long muteTime = body.optUint32("MuteTime")
                .orElseThrow(() -> TencentError.badParameter("MuteTime is required"));

        synchronized (state) {
            Group group = state.groupForEdit(groupId);
            if (!group.type.allowsMuting()) {
                throw TencentError.noPermission(group.type + " groups do not support muting members");
            }
            // Decision: AVChatRoom keeps no member list to check against (members come and go with the live
            // stream), so any account can be muted there; elsewhere the whole batch is refused (10007) if one
            // account is not a member, and nobody's mute changes.
            boolean anyone = group.type == GroupType.AV_CHAT_ROOM;
            List<Member> members = new ArrayList<>();
            for (String account : accounts) {
                members.add(state.memberForEdit(group, account, anyone));
            }
            long until = ProfileCommands.shutUpUntil(clock, muteTime);
            members.forEach(member -> member.shutUpUntil = until);
        }
        return TencentAnswer.ok();
    }

    /**
     * Decision: ResponseFilter is ignored and every field is answered; a malformed ID gets 10015 and an unknown
     * one 10010 in its own GroupInfo entry while the call itself is OK, as Tencent answers per group. AVChatRoom
     * entries carry no MemberList (it stores no member profiles).
     */
    EmulatorResponse getGroupInfo(Body body) {
        List<String> ids = body.stringArray("GroupIdList", 1, MAX_QUERY_GROUPS, true);
        List<Map<String, Object>> infos = new ArrayList<>();
        synchronized (state) {
            for (String id : ids) {
                infos.add(info(id));
            }
        }
        return TencentAnswer.ok(Map.of("GroupInfo", infos));
    }

    private Map<String, Object> info(String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("GroupId", id);
        if (!GroupIds.wellFormed(id)) {
            out.put("ErrorCode", TencentError.BAD_GROUP_ID);
            out.put("ErrorInfo", "invalid GroupId");
            return out;
        }
        Group group = state.find(id);
        if (group == null) {
            out.put("ErrorCode", TencentError.GROUP_MISSING);
            out.put("ErrorInfo", "group " + id + " does not exist");
            return out;
        }
        out.put("ErrorCode", 0);
        out.put("ErrorInfo", "");
        out.put("Type", group.type.tencentName());
        out.put("Name", group.name);
        out.put("Introduction", group.introduction);
        out.put("Notification", group.notification);
        out.put("FaceUrl", group.faceUrl);
        out.put("Owner_Account", group.owner == null ? "" : group.owner);
        out.put("MemberNum", group.members.size());
        out.put("MaxMemberNum", group.maxMemberNum);
        putIfSet(out, "ApplyJoinOption", group.applyJoinOption);
        putIfSet(out, "InviteJoinOption", group.inviteJoinOption);
        out.put("MuteAllMember", group.muteAllMember);
        out.put("AppDefinedData", keyValues(group.appDefinedData));
        if (group.type.storesMemberProfiles()) {
            List<Map<String, Object>> members = new ArrayList<>();
            group.members.values().forEach(member -> members.add(memberInfo(member)));
            out.put("MemberList", members);
        }
        return out;
    }

    private static Map<String, Object> memberInfo(Member member) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Member_Account", member.account);
        out.put("Role", member.role);
        out.put("MsgFlag", member.msgFlag);
        out.put("NameCard", member.nameCard);
        out.put("ShutUpUntil", member.shutUpUntil);
        out.put("AppMemberDefinedData", keyValues(member.appMemberDefinedData));
        return out;
    }

    private static List<Map<String, String>> keyValues(Map<String, String> data) {
        List<Map<String, String>> out = new ArrayList<>();
        data.forEach((key, value) -> {
            Map<String, String> pair = new LinkedHashMap<>();
            pair.put("Key", key);
            pair.put("Value", value);
            out.add(pair);
        });
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
