package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.OpenImGroupSettings;
import io.groupsync.event.OpenImPermission;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.event.RongCloudPermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The oracle: what a vendor should hold for each group and member after the events, applied one by one in order,
 * in canonical terms. Only fields some event set are known; a test compares those with the emulator's state. A
 * vendor that receives less than every event (fields it skips, events it rejects) is compared with
 * {@link #as the fold of what it received}.
 */
public final class GroupFold {

    /** {@code muteSeconds} at or above this mutes for ever (Tencent's 4294967295, the schema's word for it). */
    static final long FOREVER_SECONDS = 4_294_967_295L;

    /** The folded profile of one group, in canonical terms; null fields were never set. */
    public static final class Profile {
        public String name;
        public String introduction;
        public String notification;
        public String faceUrl;
        public Integer maxMemberNum;
        public JoinOption joinOption;
        public InviteOption inviteOption;
        public Boolean muteAll;
        public OpenImPermission lookMemberInfo;
        public OpenImPermission applyMemberFriend;
        public RongCloudManagerScope removePerm;
        public RongCloudManagerScope memInvitePerm;
        public RongCloudManagerScope profilePerm;
        public RongCloudInviteConsent invitePerm;
        public RongCloudMemberProfileScope memProfilePerm;
        public final CustomData customData = new CustomData();
    }

    /** The folded profile of one member of one group; null fields were never set. */
    public static final class Member {
        public MemberRole role;
        public String nameCard;
        public MsgFlag msgFlag;
        /** When the mute ends, in epoch milliseconds: 0 unmuted, {@link Long#MAX_VALUE} for ever. */
        public Long muteUntilMillis;
        public final CustomData customData = new CustomData();
    }

    /** Custom data merged key by key, remembering deleted keys so they are checked absent rather than ignored. */
    public static final class CustomData {
        public final Map<String, String> values = new TreeMap<>();
        public final Set<String> touched = new TreeSet<>();

        void merge(Map<String, String> patch) {
            patch.forEach((k, v) -> {
                touched.add(k);
                if (v == null || v.isEmpty()) {
                    values.remove(k);
                } else {
                    values.put(k, v);
                }
            });
        }
    }

    private final Map<String, Profile> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Member>> members = new LinkedHashMap<>();
    private final List<GroupChange> events = new ArrayList<>();

    public void apply(GroupChange event) {
        events.add(event);
        if (event.getPatch() instanceof MemberProfilePatch patch) {
            applyMember(event, patch);
        } else if (event.getPatch() instanceof GroupProfilePatch patch) {
            applyGroup(event.getGroupId(), patch);
        }
    }

    /**
     * The fold of the same events as one vendor receives them.
     *
     * @param received what the vendor applies of an event: the event itself, a copy without the fields it skips,
     *                 or null when it applies nothing of it
     */
    public GroupFold as(Function<GroupChange, GroupChange> received) {
        GroupFold fold = new GroupFold();
        for (GroupChange event : events) {
            GroupChange kept = received.apply(event);
            if (kept != null) {
                fold.apply(kept);
            }
        }
        return fold;
    }

    /** The groups some event edited the profile of, by id. */
    public Map<String, Profile> groups() {
        return new HashMap<>(groups);
    }

    /** The members some event edited, by group id, then member id. */
    public Map<String, Map<String, Member>> members() {
        return new HashMap<>(members);
    }

    private void applyGroup(String groupId, GroupProfilePatch patch) {
        Profile profile = groups.computeIfAbsent(groupId, g -> new Profile());
        profile.name = or(patch.getName(), profile.name);
        profile.introduction = or(patch.getIntroduction(), profile.introduction);
        profile.notification = or(patch.getNotification(), profile.notification);
        profile.faceUrl = or(patch.getFaceUrl(), profile.faceUrl);
        profile.maxMemberNum = or(patch.getMaxMemberNum(), profile.maxMemberNum);
        profile.joinOption = or(patch.getJoinOption(), profile.joinOption);
        profile.inviteOption = or(patch.getInviteOption(), profile.inviteOption);
        profile.muteAll = or(patch.getMuteAll(), profile.muteAll);
        OpenImGroupSettings openIm = patch.getOpenIm();
        if (openIm != null) {
            profile.lookMemberInfo = or(openIm.getLookMemberInfo(), profile.lookMemberInfo);
            profile.applyMemberFriend = or(openIm.getApplyMemberFriend(), profile.applyMemberFriend);
        }
        RongCloudPermissions rong = patch.getRongCloud();
        if (rong != null) {
            profile.removePerm = or(rong.getRemovePerm(), profile.removePerm);
            profile.memInvitePerm = or(rong.getMemInvitePerm(), profile.memInvitePerm);
            profile.profilePerm = or(rong.getProfilePerm(), profile.profilePerm);
            profile.invitePerm = or(rong.getInvitePerm(), profile.invitePerm);
            profile.memProfilePerm = or(rong.getMemProfilePerm(), profile.memProfilePerm);
        }
        if (patch.getCustomData() != null) {
            profile.customData.merge(patch.getCustomData());
        }
    }

    private void applyMember(GroupChange event, MemberProfilePatch patch) {
        Member member = members.computeIfAbsent(event.getGroupId(), g -> new LinkedHashMap<>())
                .computeIfAbsent(patch.getMemberId(), m -> new Member());
        member.role = or(patch.getRole(), member.role);
        member.nameCard = or(patch.getNameCard(), member.nameCard);
        member.msgFlag = or(patch.getMsgFlag(), member.msgFlag);
        if (patch.getMuteSeconds() != null) {
            member.muteUntilMillis = muteUntil(event.getOccurredAt().toEpochMilli(), patch.getMuteSeconds());
        }
        if (patch.getCustomData() != null) {
            member.customData.merge(patch.getCustomData());
        }
    }

    /** A mute is a deadline counted from when the edit occurred (the schema's muteSeconds). */
    private static long muteUntil(long occurredAtMillis, long seconds) {
        if (seconds == 0) {
            return 0;
        }
        return seconds >= FOREVER_SECONDS ? Long.MAX_VALUE : occurredAtMillis + seconds * 1000;
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }
}
