package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.testkit.emulator.tencent.GroupState;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.MemberState;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Tencent holds every canonical field but the OpenIM and RongCloud settings, under its own names and values
 * ({@code FreeAccess}, {@code On}, {@code Admin}); a mute is {@code ShutUpUntil} in epoch seconds.
 */
public final class TencentView implements VendorView<TencentEmulator> {

    private static final Set<String> LACKING = EventFields.union(EventFields.OPENIM_SETTINGS, EventFields.RONGCLOUD_PERMISSIONS);

    /** Public groups: the type that has every field the stream edits (admins, mutes, join options). */
    @Override
    public void seed(EditStream stream, TencentEmulator emulator) {
        // The stream's operator: Tencent checks a From_Account, and this one may edit every group.
        emulator.importAppAdmin(EditStream.OPERATOR);
        for (String group : stream.groupIds()) {
            emulator.seedGroup(group, GroupType.PUBLIC);
            stream.memberIds().forEach(member -> emulator.seedMember(group, member));
        }
    }

    @Override
    public GroupChange received(GroupChange event) {
        return event;
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
    public List<String> differences(GroupFold fold, TencentEmulator emulator, long nowMillis) {
        Differences out = new Differences();
        for (Map.Entry<String, GroupFold.Profile> entry : fold.groups().entrySet()) {
            String group = entry.getKey();
            GroupFold.Profile want = entry.getValue();
            GroupState have;
            try {
                have = emulator.group(group);
            } catch (NoSuchElementException e) {
                out.missing(group);
                continue;
            }
            out.field(group, "name", want.name, have.name());
            out.field(group, "introduction", want.introduction, have.introduction());
            out.field(group, "notification", want.notification, have.notification());
            out.field(group, "faceUrl", want.faceUrl, have.faceUrl());
            out.field(group, "maxMemberNum", want.maxMemberNum == null ? null : (long) want.maxMemberNum,
                    have.maxMemberNum());
            out.field(group, "joinOption", want.joinOption == null ? null : option(want.joinOption),
                    have.applyJoinOption());
            out.field(group, "inviteOption", want.inviteOption == null ? null : option(want.inviteOption),
                    have.inviteJoinOption());
            out.field(group, "muteAll", want.muteAll == null ? null : want.muteAll ? "On" : "Off",
                    have.muteAllMember());
            out.customData(group, "customData", want.customData, have.appDefinedData()::get);
        }
        fold.members().forEach((group, members) -> members.forEach((member, want) -> {
            String where = group + "/" + member;
            MemberState have;
            try {
                have = emulator.member(group, member);
            } catch (NoSuchElementException e) {
                out.missing(where);
                return;
            }
            out.field(where, "role", want.role == null ? null : want.role == MemberRole.ADMIN ? "Admin" : "Member",
                    have.role());
            out.field(where, "nameCard", want.nameCard, have.nameCard());
            out.field(where, "msgFlag", want.msgFlag == null ? null : msgFlag(want.msgFlag), have.msgFlag());
            long until = have.shutUpUntil() == MemberState.FOREVER ? Long.MAX_VALUE : have.shutUpUntil() * 1000;
            out.mute(where, want.muteUntilMillis, until, nowMillis);
            out.customData(where, "customData", want.customData, have.appMemberDefinedData()::get);
        }));
        return out.lines();
    }

    private static String option(JoinOption option) {
        return switch (option) {
            case FREE_ACCESS -> "FreeAccess";
            case NEED_PERMISSION -> "NeedPermission";
            case DISABLE_APPLY -> "DisableApply";
        };
    }

    private static String option(InviteOption option) {
        return switch (option) {
            case FREE_ACCESS -> "FreeAccess";
            case NEED_PERMISSION -> "NeedPermission";
            case DISABLE_INVITE -> "DisableInvite";
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
