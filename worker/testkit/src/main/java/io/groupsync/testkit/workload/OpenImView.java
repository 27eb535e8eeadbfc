package io.groupsync.testkit.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.OpenImPermission;
import io.groupsync.testkit.emulator.openim.GroupState;
import io.groupsync.testkit.emulator.openim.MemberState;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * OpenIM has no member cap, invitation policy, message flag or RongCloud permission. Custom data lives in the one
 * {@code ex} string as a JSON object; joinOption is needVerification (FREE_ACCESS 2, NEED_PERMISSION 1) and an
 * event asking for DISABLE_APPLY, which OpenIM cannot express, is rejected whole. The whole-group mute is the
 * group's status; a member's mute is {@code muteEndTime} in epoch milliseconds.
 */
public final class OpenImView implements VendorView<OpenImEmulator> {

    private static final Set<String> LACKING = EventFields.union(
            Set.of("maxMemberNum", "inviteOption", "msgFlag"), EventFields.RONGCLOUD_PERMISSIONS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void seed(EditStream stream, OpenImEmulator emulator) {
        for (String group : stream.groupIds()) {
            emulator.seedGroup(group);
            stream.memberIds().forEach(member -> emulator.seedMember(group, member));
        }
    }

    @Override
    public GroupChange received(GroupChange event) {
        return rejects(event) ? null : event;
    }

    @Override
    public boolean rejects(GroupChange event) {
        return event.getPatch() instanceof GroupProfilePatch patch && patch.getJoinOption() == JoinOption.DISABLE_APPLY;
    }

    @Override
    public Set<String> skipped(GroupChange event) {
        return EventFields.lacking(event, LACKING);
    }

    @Override
    public List<String> differences(GroupFold canonical, OpenImEmulator emulator, long nowMillis) {
        GroupFold fold = canonical.as(this::received);
        Differences out = new Differences();
        for (Map.Entry<String, GroupFold.Profile> entry : fold.groups().entrySet()) {
            String group = entry.getKey();
            GroupFold.Profile want = entry.getValue();
            Optional<GroupState> held = emulator.group(group);
            if (held.isEmpty()) {
                out.missing(group);
                continue;
            }
            GroupState have = held.get();
            out.field(group, "name", want.name, have.groupName());
            out.field(group, "introduction", want.introduction, have.introduction());
            out.field(group, "notification", want.notification, have.notification());
            out.field(group, "faceUrl", want.faceUrl, have.faceURL());
            out.field(group, "joinOption", want.joinOption == null ? null
                    : want.joinOption == JoinOption.FREE_ACCESS ? 2 : 1, have.needVerification());
            out.field(group, "openIm.lookMemberInfo", permission(want.lookMemberInfo), have.lookMemberInfo());
            out.field(group, "openIm.applyMemberFriend", permission(want.applyMemberFriend),
                    have.applyMemberFriend());
            out.field(group, "muteAll", want.muteAll, have.muted());
            out.customData(group, "customData", want.customData, ex(group, have.ex()));
        }
        fold.members().forEach((group, members) -> members.forEach((member, want) -> {
            String where = group + "/" + member;
            Optional<MemberState> held = emulator.member(group, member);
            if (held.isEmpty()) {
                out.missing(where);
                return;
            }
            MemberState have = held.get();
            out.field(where, "role", want.role == null ? null : want.role == MemberRole.ADMIN ? 60 : 20,
                    have.roleLevel());
            out.field(where, "nameCard", want.nameCard, have.nickname());
            out.mute(where, want.muteUntilMillis, have.muteEndTime(), nowMillis);
            out.customData(where, "customData", want.customData, ex(where, have.ex()));
        }));
        return out.lines();
    }

    private static Integer permission(OpenImPermission permission) {
        return permission == null ? null : permission == OpenImPermission.ALLOWED ? 0 : 1;
    }

    /** The values of an {@code ex} JSON object by key; an empty {@code ex} is the empty object. */
    private static Function<String, String> ex(String where, String ex) {
        if (ex == null || ex.isEmpty()) {
            return key -> null;
        }
        JsonNode object;
        try {
            object = JSON.readTree(ex);
        } catch (JsonProcessingException e) {
            return key -> "<ex of " + where + " is not JSON: " + ex + ">";
        }
        return key -> object.hasNonNull(key) ? object.get(key).asText() : null;
    }
}
