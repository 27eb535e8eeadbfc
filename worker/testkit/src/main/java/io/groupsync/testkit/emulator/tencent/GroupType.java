package io.groupsync.testkit.emulator.tencent;

/**
 * Tencent's preset group types and the rules of each that the sync commands meet. Each has its current name
 * and, where it was renamed, the legacy one (Private = Work, ChatRoom = Meeting); both are accepted.
 */
public enum GroupType {
    WORK("Work", "Private", 200, "DisableApply", "FreeAccess"),
    PUBLIC("Public", "Public", 2000, "NeedPermission", "NeedPermission"),
    MEETING("Meeting", "ChatRoom", 6000, "FreeAccess", "FreeAccess"),
    AV_CHAT_ROOM("AVChatRoom", "AVChatRoom", 0, "FreeAccess", null),
    COMMUNITY("Community", "Community", 100_000, null, "FreeAccess");

    private final String tencentName;
    private final String legacyName;
    private final long defaultMaxMemberNum;
    private final String defaultApplyJoinOption;
    private final String defaultInviteJoinOption;

    // Decision (defaults are not in the pages): the member caps of the Group System page, 0 meaning "no
    // limit" for AVChatRoom; join options as each type behaves out of the box.
    GroupType(String tencentName, String legacyName, long defaultMaxMemberNum, String defaultApplyJoinOption,
              String defaultInviteJoinOption) {
        this.tencentName = tencentName;
        this.legacyName = legacyName;
        this.defaultMaxMemberNum = defaultMaxMemberNum;
        this.defaultApplyJoinOption = defaultApplyJoinOption;
        this.defaultInviteJoinOption = defaultInviteJoinOption;
    }

    /** Accepts the current or the legacy name, as the REST API does (e.g. {@code Private} or {@code Work}). */
    public static GroupType of(String name) {
        for (GroupType type : values()) {
            if (type.tencentName.equalsIgnoreCase(name) || type.legacyName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a Tencent group type: " + name);
    }

    /** The name get_group_info answers with as {@code Type}. */
    public String tencentName() {
        return tencentName;
    }

    /** Work groups do not support muting members (forbid_send_msg, MuteTime). */
    public boolean allowsMuting() {
        return this != WORK;
    }

    /** Work groups do not support admins by default (Group System page, member roles). */
    public boolean allowsAdmins() {
        return this != WORK;
    }

    /** AVChatRoom stores no member profiles, so modify_group_member_info is refused there. */
    public boolean storesMemberProfiles() {
        return this != AV_CHAT_ROOM;
    }

    /** Community groups have no ApplyJoinOption. */
    public boolean hasApplyJoinOption() {
        return this != COMMUNITY;
    }

    /** AVChatRoom has no InviteJoinOption. */
    public boolean hasInviteJoinOption() {
        return this != AV_CHAT_ROOM;
    }

    /** AVChatRoom has no member cap: MaxMemberNum "is invalid and doesn't need to be specified" there. */
    public boolean hasMaxMemberNum() {
        return this != AV_CHAT_ROOM;
    }

    long defaultMaxMemberNum() {
        return defaultMaxMemberNum;
    }

    String defaultApplyJoinOption() {
        return defaultApplyJoinOption;
    }

    String defaultInviteJoinOption() {
        return defaultInviteJoinOption;
    }

    @Override
    public String toString() {
        return tencentName;
    }
}
