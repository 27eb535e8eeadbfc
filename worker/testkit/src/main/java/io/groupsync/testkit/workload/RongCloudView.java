package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
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
 * custom keys; a member keeps only a nickname and one {@code extra} string. A member edit must carry the nickname
 * (nameCard) or RongCloud gets none of it, and member custom data reaches {@code extra} only when its one key is
 * {@code extra}. No mutes, roles, message flags, member cap or invitation policy.
 */
public final class RongCloudView implements VendorView<RongCloudEmulator> {

    private static final String EXTRA = "extra";
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
        if (!(event.getPatch() instanceof MemberProfilePatch patch)) {
            return event;
        }
        if (patch.getNameCard() == null) {
            return null;
        }
        if (patch.getCustomData() == null || onlyExtra(patch)) {
            return event;
        }
        MemberProfilePatch kept = MemberProfilePatch.newBuilder(patch).setCustomData(null).build();
        return GroupChange.newBuilder(event).setPatch(kept).build();
    }

    @Override
    public boolean rejects(GroupChange event) {
        return false;
    }

    @Override
    public Set<String> skipped(GroupChange event) {
        if (event.getPatch() instanceof MemberProfilePatch patch) {
            if (patch.getNameCard() == null) {
                return EventFields.of(event);
            }
            Set<String> skipped = EventFields.lacking(event, LACKING);
            if (patch.getCustomData() != null && !patch.getCustomData().isEmpty() && !onlyExtra(patch)) {
                skipped.add("customData");
            }
            return skipped;
        }
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
            out.field(where, "nameCard", want.nameCard, have.nickname());
            // An empty extra is how RongCloud clears it.
            String extra = have.extra() == null || have.extra().isEmpty() ? null : have.extra();
            out.customData(where, "customData", want.customData, key -> EXTRA.equals(key) ? extra : null);
        }));
        return out.lines();
    }

    private static boolean onlyExtra(MemberProfilePatch patch) {
        return patch.getCustomData().keySet().equals(Set.of(EXTRA));
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
