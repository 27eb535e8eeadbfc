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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A realistic stream of edits for tests, the demo and benchmarks: many edits per group, names and notifications
 * rewritten, custom data set and deleted, everyone muted and unmuted; with a {@link Mix} that asks for them, also
 * member edits (roles, name cards, message flags, mutes, member custom data) over a fixed set of members per group
 * and the settings only some vendors have. Seeded, so a failing run can be repeated. Every value stays within every
 * vendor's limits, ids are letters and digits (RongCloud's rule); tests that want bad input add it themselves.
 */
public final class EditStream {

    /**
     * What the stream edits besides the four group-profile kinds it always draws (name, notification, custom data,
     * mute all).
     *
     * @param membersPerGroup the members each group has, which the vendors must be seeded with
     * @param memberShare     the share of edits that edit a member rather than the group
     * @param groupSettings   whether group edits also set introduction, face URL, member cap, join and invite
     *                        options and the OpenIM and RongCloud settings
     */
    public record Mix(int membersPerGroup, double memberShare, boolean groupSettings) {

        /** Group-profile edits of the four kinds only: the stream as it was before member edits. */
        public static final Mix GROUP_PROFILES = new Mix(0, 0, false);
        /** Every canonical field, a little under half the edits on one of four members per group. */
        public static final Mix EVERYTHING = new Mix(4, 0.45, true);
    }

    /** Of the joinOption edits, this one in so many asks for DISABLE_APPLY, which OpenIM rejects. */
    static final int DISABLE_APPLY_ONE_IN = 25;

    private static final String[] WORDS = {"team", "群聊", "ops", "family", "读书会", "launch", "night", "周末"};
    private static final String[] CUSTOM_KEYS = {"topic", "level", "owner", "tag", "region"};
    /**
     * Not {@code extra}, which RongCloud takes as its whole member string: every vendor holds these as keys
     * (RongCloud as keys of a JSON object in {@code extra}).
     */
    private static final String[] MEMBER_CUSTOM_KEYS = {"title", "team", "badge"};
    /** Unmute, a mute short enough to end during a run, and one that outlasts it. */
    private static final long[][] MUTE_RANGES = {{0, 0}, {5, 40}, {120, 86_400}};

    /** The operator every edit names. */
    public static final String OPERATOR = "admin";

    private final Random random;
    private final int groups;
    private final String groupPrefix;
    private final Mix mix;
    private final long timeBaseMillis;
    private long offsetMillis;
    private int sequence;

    /** Group-profile edits only ({@link Mix#GROUP_PROFILES}), occurring from now on. */
    public EditStream(long seed, int groups, String groupPrefix) {
        this(seed, groups, groupPrefix, Mix.GROUP_PROFILES, Instant.now());
    }

    /**
     * @param timeBase when the first edit occurs; later ones follow a few milliseconds apart. Mutes count from
     *                 occurredAt, so a base near the real clock makes them end during or after a run as planned.
     */
    public EditStream(long seed, int groups, String groupPrefix, Mix mix, Instant timeBase) {
        this.random = new Random(seed);
        this.groups = groups;
        this.groupPrefix = groupPrefix;
        this.mix = mix;
        this.timeBaseMillis = timeBase.toEpochMilli();
    }

    /** A group id every vendor accepts (RongCloud allows only letters and digits). */
    public String groupId(int index) {
        return groupPrefix + index;
    }

    /** Every group the stream edits. */
    public List<String> groupIds() {
        return IntStream.range(0, groups).mapToObj(this::groupId).toList();
    }

    /** A member id every vendor accepts; every group has the same members. */
    public String memberId(int index) {
        return "user" + index;
    }

    /** The members of every group, which the vendors are to be seeded with; empty without member edits. */
    public List<String> memberIds() {
        return IntStream.range(0, mix.membersPerGroup()).mapToObj(this::memberId).toList();
    }

    public List<GroupChange> next(int count) {
        List<GroupChange> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    public GroupChange next() {
        String group = groupId(random.nextInt(groups));
        // Drawn only when members are edited, so that the group-profile stream stays what it always was.
        Object patch = mix.membersPerGroup() > 0 && random.nextDouble() < mix.memberShare()
                ? memberPatch() : groupPatch();
        offsetMillis += 1 + random.nextInt(5);
        return GroupChange.newBuilder()
                .setEventId("ev-" + groupPrefix + "-" + (++sequence))
                .setOccurredAt(Instant.ofEpochMilli(timeBaseMillis + offsetMillis))
                .setGroupId(group)
                .setOperator(OPERATOR)
                .setPatch(patch)
                .build();
    }

    private GroupProfilePatch groupPatch() {
        GroupProfilePatch.Builder patch = GroupProfilePatch.newBuilder();
        int kinds = 1 + random.nextInt(2);
        for (int k = 0; k < kinds; k++) {
            switch (random.nextInt(mix.groupSettings() ? 10 : 4)) {
                case 0 -> patch.setName(words(2) + " " + (++sequence % 1000));
                case 1 -> patch.setNotification("notice " + words(3) + " #" + (++sequence));
                case 2 -> patch.setCustomData(customData(CUSTOM_KEYS, 2));
                case 3 -> patch.setMuteAll(random.nextBoolean());
                case 4 -> patch.setIntroduction("about " + words(3));
                case 5 -> patch.setFaceUrl("https://img.example.com/g/" + random.nextInt(10_000) + ".png");
                case 6 -> patch.setJoinOption(joinOption());
                case 7 -> {
                    patch.setMaxMemberNum(100 + random.nextInt(1_900));
                    patch.setInviteOption(pick(InviteOption.values()));
                }
                case 8 -> patch.setOpenIm(OpenImGroupSettings.newBuilder()
                        .setLookMemberInfo(pick(OpenImPermission.values()))
                        .setApplyMemberFriend(random.nextBoolean() ? pick(OpenImPermission.values()) : null)
                        .build());
                default -> patch.setRongCloud(rongCloudPermissions());
            }
        }
        return patch.build();
    }

    private MemberProfilePatch memberPatch() {
        MemberProfilePatch.Builder patch = MemberProfilePatch.newBuilder()
                .setMemberId(memberId(random.nextInt(mix.membersPerGroup())));
        int kinds = 1 + random.nextInt(2);
        for (int k = 0; k < kinds; k++) {
            // The name card twice as often: RongCloud takes a member edit only when it carries one.
            switch (random.nextInt(6)) {
                case 0, 1 -> patch.setNameCard(words(1) + " " + (++sequence % 1000));
                case 2 -> patch.setRole(random.nextBoolean() ? MemberRole.ADMIN : MemberRole.MEMBER);
                case 3 -> patch.setMsgFlag(pick(MsgFlag.values()));
                case 4 -> patch.setMuteSeconds(muteSeconds());
                default -> patch.setCustomData(customData(MEMBER_CUSTOM_KEYS, 2));
            }
        }
        return patch.build();
    }

    private JoinOption joinOption() {
        if (random.nextInt(DISABLE_APPLY_ONE_IN) == 0) {
            return JoinOption.DISABLE_APPLY;
        }
        return random.nextBoolean() ? JoinOption.FREE_ACCESS : JoinOption.NEED_PERMISSION;
    }

    private RongCloudPermissions rongCloudPermissions() {
        RongCloudPermissions.Builder perms = RongCloudPermissions.newBuilder();
        switch (random.nextInt(3)) {
            case 0 -> perms.setRemovePerm(pick(RongCloudManagerScope.values()))
                    .setInvitePerm(pick(RongCloudInviteConsent.values()));
            case 1 -> perms.setMemInvitePerm(pick(RongCloudManagerScope.values()))
                    .setProfilePerm(pick(RongCloudManagerScope.values()));
            default -> perms.setMemProfilePerm(pick(RongCloudMemberProfileScope.values()));
        }
        return perms.build();
    }

    private long muteSeconds() {
        long[] range = MUTE_RANGES[random.nextInt(MUTE_RANGES.length)];
        return range[0] + (long) (random.nextDouble() * (range[1] - range[0]));
    }

    private Map<String, String> customData(String[] keys, int upTo) {
        Map<String, String> data = new HashMap<>();
        int count = 1 + random.nextInt(upTo);
        for (int i = 0; i < count; i++) {
            String key = keys[random.nextInt(keys.length)];
            data.put(key, random.nextInt(4) == 0 ? null : "v" + random.nextInt(100));
        }
        return data;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String words(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
