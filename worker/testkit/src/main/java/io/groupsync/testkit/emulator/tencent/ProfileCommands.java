package io.groupsync.testkit.emulator.tencent;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.tencent.TencentState.Group;
import io.groupsync.testkit.emulator.tencent.TencentState.Member;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * modify_group_base_info and modify_group_member_info. Each reads and checks every field first (10004 naming
 * the field), then finds the group and member (10010, 10007) and checks the group type's rules, and only then
 * changes anything: a refused request leaves the state as it was.
 */
final class ProfileCommands {

    static final int NAME_BYTES = 30;
    static final int INTRODUCTION_BYTES = 240;
    static final int NOTIFICATION_BYTES = 300;
    static final int FACE_URL_BYTES = 100;
    static final int NAME_CARD_BYTES = 50;
    // Decision: custom-field limits come from Tencent's Custom Fields page, not the seed pages: keys up to 16
    // bytes, group values up to 4000 bytes, member values up to 64 bytes.
    static final int CUSTOM_KEY_BYTES = 16;
    static final int GROUP_CUSTOM_VALUE_BYTES = 4000;
    static final int MEMBER_CUSTOM_VALUE_BYTES = 64;
    /**
     * The custom fields an app can configure (10 per group, 5 per member): a request naming more keys names one
     * that cannot exist, and is refused whole (10004). Decision: the count is the only per-request bound modelled;
     * the size of a request follows from it and the per-key limits.
     */
    static final int GROUP_CUSTOM_KEYS = 10;
    static final int MEMBER_CUSTOM_KEYS = 5;
    /**
     * Members per group ([groups]): Work, Public and Meeting up to 6,000 with paid add-ons (the plan may allow
     * fewer: {@link TencentEmulator#setPlanMaxMembers}), Community up to 100,000; AVChatRoom has no limit.
     */
    static final long PAID_MAX_MEMBERS = 6000;
    static final long COMMUNITY_MAX_MEMBERS = 100_000;

    static final Set<String> APPLY_JOIN = Set.of("FreeAccess", "NeedPermission", "DisableApply");
    static final Set<String> INVITE_JOIN = Set.of("FreeAccess", "NeedPermission", "DisableInvite");
    static final Set<String> ON_OFF = Set.of("On", "Off");
    static final Set<String> ROLES = Set.of(TencentState.ADMIN, TencentState.MEMBER, TencentState.OWNER);
    static final Set<String> MSG_FLAGS = Set.of("AcceptAndNotify", "AcceptNotNotify", "Discard",
            "AcceptNotNotifyExceptAt");

    private final TencentState state;
    private final EmulatorClock clock;
    private final String appAdmin;
    private volatile long planMaxMembers = PAID_MAX_MEMBERS;

    ProfileCommands(TencentState state, EmulatorClock clock, String appAdmin) {
        this.state = state;
        this.clock = clock;
        this.appAdmin = appAdmin;
    }

    void setPlanMaxMembers(long max) {
        this.planMaxMembers = max;
    }

    EmulatorResponse modifyGroupBaseInfo(Body body) {
        String groupId = body.groupId();
        Optional<String> name = body.optString("Name", NAME_BYTES);
        // Decision: a group keeps a name; Tencent refuses to blank it (the others may be emptied).
        if (name.filter(String::isEmpty).isPresent()) {
            throw TencentError.badParameter("Name must not be empty");
        }
        Optional<String> introduction = body.optString("Introduction", INTRODUCTION_BYTES);
        Optional<String> notification = body.optString("Notification", NOTIFICATION_BYTES);
        Optional<String> faceUrl = body.optString("FaceUrl", FACE_URL_BYTES);
        OptionalLong maxMemberNum = body.optUint32("MaxMemberNum");
        if (maxMemberNum.isPresent() && maxMemberNum.getAsLong() == 0) {
            throw TencentError.badParameter("MaxMemberNum must be positive");
        }
        Optional<String> applyJoin = body.optEnum("ApplyJoinOption", APPLY_JOIN);
        Optional<String> inviteJoin = body.optEnum("InviteJoinOption", INVITE_JOIN);
        Optional<String> muteAll = body.optEnum("MuteAllMember", ON_OFF);
        Optional<Map<String, String>> custom = body.optKeyValues("AppDefinedData", CUSTOM_KEY_BYTES,
                GROUP_CUSTOM_VALUE_BYTES);
        checkKeyCount("AppDefinedData", custom, GROUP_CUSTOM_KEYS);
        Optional<String> operator = body.optString("From_Account", Integer.MAX_VALUE);

        synchronized (state) {
            Group group = state.groupForEdit(groupId);
            operator.ifPresent(account -> state.checkOperator(group, account, appAdmin));
            long cap = group.type == GroupType.COMMUNITY ? COMMUNITY_MAX_MEMBERS : planMaxMembers;
            if (maxMemberNum.isPresent() && group.type.hasMaxMemberNum() && maxMemberNum.getAsLong() > cap) {
                throw TencentError.badParameter("MaxMemberNum " + maxMemberNum.getAsLong() + " is above the "
                        + cap + " members a " + group.type + " group may have");
            }
            // Decision: a field the group type lacks is an invalid parameter (10004), whereas an operation the
            // type forbids (muting in Work, member profiles in AVChatRoom) is a permission refusal (10007).
            if (applyJoin.isPresent() && !group.type.hasApplyJoinOption()) {
                throw TencentError.badParameter("ApplyJoinOption is not supported by " + group.type + " groups");
            }
            if (inviteJoin.isPresent() && !group.type.hasInviteJoinOption()) {
                throw TencentError.badParameter("InviteJoinOption is not supported by " + group.type + " groups");
            }
            // Decision: a cap below the members already in the group would be broken at once: refused.
            if (maxMemberNum.isPresent() && group.type.hasMaxMemberNum()
                    && maxMemberNum.getAsLong() < group.members.size()) {
                throw TencentError.badParameter("MaxMemberNum " + maxMemberNum.getAsLong()
                        + " is below the current member count " + group.members.size());
            }
            name.ifPresent(v -> group.name = v);
            introduction.ifPresent(v -> group.introduction = v);
            notification.ifPresent(v -> group.notification = v);
            faceUrl.ifPresent(v -> group.faceUrl = v);
            // Decision: AVChatRoom "doesn't need" MaxMemberNum: accepted and ignored, its cap stays 0 (none).
            if (maxMemberNum.isPresent() && group.type.hasMaxMemberNum()) {
                group.maxMemberNum = maxMemberNum.getAsLong();
            }
            applyJoin.ifPresent(v -> group.applyJoinOption = v);
            inviteJoin.ifPresent(v -> group.inviteJoinOption = v);
            muteAll.ifPresent(v -> group.muteAllMember = v);
            custom.ifPresent(pairs -> merge(group.appDefinedData, pairs));
        }
        return TencentAnswer.ok();
    }

    EmulatorResponse modifyGroupMemberInfo(Body body) {
        String groupId = body.groupId();
        String account = body.requiredString("Member_Account");
        Optional<String> role = body.optEnum("Role", ROLES);
        if (role.filter(TencentState.OWNER::equals).isPresent()) {
            throw TencentError.badParameter("Role Owner cannot be set here: the owner changes only by transfer");
        }
        Optional<String> msgFlag = body.optEnum("MsgFlag", MSG_FLAGS);
        Optional<String> nameCard = body.optString("NameCard", NAME_CARD_BYTES);
        Optional<Map<String, String>> custom = body.optKeyValues("AppMemberDefinedData", CUSTOM_KEY_BYTES,
                MEMBER_CUSTOM_VALUE_BYTES);
        checkKeyCount("AppMemberDefinedData", custom, MEMBER_CUSTOM_KEYS);
        OptionalLong muteTime = body.optUint32("MuteTime");

        synchronized (state) {
            Group group = state.groupForEdit(groupId);
            if (!group.type.storesMemberProfiles()) {
                throw TencentError.noPermission(group.type + " groups store no member profiles");
            }
            if (muteTime.isPresent() && !group.type.allowsMuting()) {
                throw TencentError.noPermission(group.type + " groups do not support muting members");
            }
            Member member = state.memberForEdit(group, account, false);
            if (role.isPresent() && TencentState.OWNER.equals(member.role)) {
                throw TencentError.noPermission("the group owner's role cannot be changed");
            }
            if (role.filter(TencentState.ADMIN::equals).isPresent() && !group.type.allowsAdmins()) {
                throw TencentError.noPermission(group.type + " groups do not support admins");
            }
            role.ifPresent(v -> member.role = v);
            msgFlag.ifPresent(v -> member.msgFlag = v);
            nameCard.ifPresent(v -> member.nameCard = v);
            custom.ifPresent(pairs -> merge(member.appMemberDefinedData, pairs));
            muteTime.ifPresent(seconds -> member.shutUpUntil = shutUpUntil(clock, seconds));
        }
        return TencentAnswer.ok();
    }

    private static void checkKeyCount(String field, Optional<Map<String, String>> custom, int max) {
        if (custom.isPresent() && custom.get().size() > max) {
            throw TencentError.badParameter(field + " has " + custom.get().size() + " keys; an app has at most "
                    + max + " such custom fields");
        }
    }

    /** Per key: a later value wins, an empty value deletes. */
    static void merge(Map<String, String> held, Map<String, String> pairs) {
        pairs.forEach((key, value) -> {
            if (value.isEmpty()) {
                held.remove(key);
            } else {
                held.put(key, value);
            }
        });
    }

    /** MuteTime as a deadline on the emulator's clock: 0 unmutes, 4294967295 (or beyond it) is for ever. */
    static long shutUpUntil(EmulatorClock clock, long muteSeconds) {
        if (muteSeconds == 0) {
            return 0;
        }
        long deadline = Math.floorDiv(clock.currentTimeMillis(), 1000L) + muteSeconds;
        return muteSeconds >= MemberState.FOREVER ? MemberState.FOREVER : Math.min(deadline, MemberState.FOREVER);
    }
}
