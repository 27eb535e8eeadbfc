package io.groupsync.testkit.emulator.openim;

/**
 * What the OpenIM emulator holds for one group, with the server's field names. Immutable: a snapshot.
 *
 * @param needVerification  0 request required, 1 verification for all, 2 direct join
 * @param lookMemberInfo    0 allowed, 1 not allowed
 * @param applyMemberFriend 0 allowed, 1 not allowed
 * @param status            {@link #STATUS_OK}, {@link #STATUS_DISMISSED} or {@link #STATUS_MUTED}: OpenIM keeps the
 *                          group-wide mute as a status, so {@code mute_group} and {@code cancel_mute_group} set it
 */
public record GroupState(String groupID, String groupName, String notification, String introduction,
                         String faceURL, String ex, int needVerification, int lookMemberInfo,
                         int applyMemberFriend, int status) {

    /** OpenIM's {@code constant.GroupOk}. */
    public static final int STATUS_OK = 0;
    /** OpenIM's {@code constant.GroupStatusDismissed}. */
    public static final int STATUS_DISMISSED = 2;
    /** OpenIM's {@code constant.GroupStatusMuted}. */
    public static final int STATUS_MUTED = 3;

    /** A fresh group: empty texts, every option 0, status ok. */
    public static GroupState of(String groupID) {
        return new GroupState(groupID, "", "", "", "", "", 0, 0, 0, STATUS_OK);
    }

    /** Whether the whole group is muted ({@code mute_group}). */
    public boolean muted() {
        return status == STATUS_MUTED;
    }

    public boolean dismissed() {
        return status == STATUS_DISMISSED;
    }

    public GroupState withStatus(int newStatus) {
        return new GroupState(groupID, groupName, notification, introduction, faceURL, ex, needVerification,
                lookMemberInfo, applyMemberFriend, newStatus);
    }
}
