package io.groupsync.testkit.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.event.GroupChange;
import io.groupsync.event.JoinOption;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.testkit.emulator.rongcloud.GroupState;
import io.groupsync.testkit.emulator.rongcloud.MemberState;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RongCloud's hosted groups keep the profile texts, the join permission, its own permissions and {@code ext_}
 * custom keys; a member keeps only a nickname and one {@code extra} string. A member edit without a nameCard
 * resends the nickname RongCloud holds (the user's name, which the emulator answers as the user id, when none was
 * set), and member custom keys (the stream never uses the key {@code extra}, which is the whole string) are merged
 * into {@code extra} as a JSON object. No mutes, roles, message flags, member cap or invitation policy.
 */
public final class RongCloudView implements VendorView<RongCloudEmulator> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LACKING = EventFields.union(Set.of("maxMemberNum", "inviteOption", "muteAll",
            "role", "msgFlag", "muteSeconds"), EventFields.OPENIM_SETTINGS);

    /** A hosted group always has a name: each is created named after its id. */
    @Override
    public void seed(EditStream stream, RongCloudEmulator emulator) {
        for (String group : stream.groupIds()) {
            emulator.seedGroup(group, group);
            stream.memberIds().forEach(member -> emulator.seedMember(group, member));
        }
    }

    @Override
    public GroupChange received(GroupChange event) {
        // An edit of nothing RongCloud takes (a role, a mute, a member cap) sends nothing at all.
        return EventFields.lacking(event, LACKING).equals(EventFields.of(event)) ? null : event;
    }

    @Override
    public boolean rejects(GroupChange event) {
        return false;
    }

    @Override
    public Set<String> skipped(GroupChange event) {
        return EventFields.lacking(event, LACKING);
    }

    @Override
    public List<String> differences(GroupFold canonical, RongCloudEmulator emulator, long nowMillis) {
        GroupFold fold = canonical.as(this::received);
        Differences out = new Differences();
        for (Map.Entry<String, GroupFold.Profile> entry : fold.groups().entrySet()) {
            String group = entry.getKey();
            GroupFold.Profile want = entry.getValue();
            GroupState have = emulator.group(group);
            if (have == null) {
                out.missing(group);
                continue;
            }
            out.field(group, "name", want.name, have.groupProfile().name());
            out.field(group, "introduction", want.introduction, have.groupProfile().introduction());
            out.field(group, "notification", want.notification, have.groupProfile().announcement());
            out.field(group, "faceUrl", want.faceUrl, have.groupProfile().portraitUrl());
            GroupState.Permissions perms = have.permissions();
            out.field(group, "joinOption", want.joinOption == null ? null : joinPerm(want.joinOption),
                    perms.joinPerm());
            out.field(group, "rongCloud.removePerm", scope(want.removePerm), perms.removePerm());
            out.field(group, "rongCloud.memInvitePerm", scope(want.memInvitePerm), perms.memInvitePerm());
            out.field(group, "rongCloud.profilePerm", scope(want.profilePerm), perms.profilePerm());
            out.field(group, "rongCloud.invitePerm", want.invitePerm == null ? null
                    : want.invitePerm == RongCloudInviteConsent.REQUIRED ? 1 : 0, perms.invitePerm());
            out.field(group, "rongCloud.memProfilePerm", memberScope(want.memProfilePerm), perms.memProfilePerm());
            out.customData(group, "customData", want.customData, key -> have.groupExtProfile().get("ext_" + key));
        }
        fold.members().forEach((group, members) -> members.forEach((member, want) -> {
            String where = group + "/" + member;
            MemberState have = emulator.member(group, member);
            if (have == null) {
                out.missing(where);
                return;
            }
            // Without a nameCard of its own a member keeps the nickname RongCloud answered: its user id here.
            boolean resent = want.nameCard == null && member.equals(have.nickname());
            out.field(where, "nameCard", want.nameCard, resent ? null : have.nickname());
            JsonNode extra = keys(have.extra());
            out.customData(where, "customData", want.customData,
                    key -> extra.hasNonNull(key) ? extra.get(key).asText() : null);
        }));
        return out.lines();
    }

    /** The keys of a member's extra, a JSON object ({@code {}} when it holds none or is unset). */
    private static JsonNode keys(String extra) {
        if (extra == null || extra.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(extra);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a member extra groupsync wrote is not JSON: " + extra, e);
        }
    }

    private static int joinPerm(JoinOption option) {
        return switch (option) {
            case FREE_ACCESS -> 1;
            case NEED_PERMISSION -> 2;
            case DISABLE_APPLY -> 3;
        };
    }

    private static Integer scope(RongCloudManagerScope scope) {
        return scope == null ? null : switch (scope) {
            case OWNER -> 0;
            case OWNER_AND_ADMINS -> 1;
            case ALL_MEMBERS -> 2;
        };
    }

    private static Integer memberScope(RongCloudMemberProfileScope scope) {
        return scope == null ? null : switch (scope) {
            case OWNER_ADMINS_AND_SELF -> 0;
            case OWNER_AND_SELF -> 1;
            case SELF_ONLY -> 2;
        };
    }
}
