package io.groupsync.testkit.emulator.openim;

/**
 * What the OpenIM emulator holds for one group member, with the server's field names. Immutable: a snapshot.
 *
 * @param roleLevel   {@link #ROLE_MEMBER}, {@link #ROLE_ADMIN} or {@link #ROLE_OWNER}
 * @param muteEndTime when the member's mute ends, in epoch milliseconds on the emulator's clock; 0 when never
 *                    muted or unmuted (the server stores {@code time.Unix(0, 0)} on cancel)
 */
public record MemberState(String groupID, String userID, String nickname, String faceURL, int roleLevel, String ex,
                          long muteEndTime) {

    public static final int ROLE_MEMBER = 20;
    public static final int ROLE_ADMIN = 60;
    public static final int ROLE_OWNER = 100;

    /** A plain member: empty texts, role member, not muted. */
    public static MemberState of(String groupID, String userID) {
        return new MemberState(groupID, userID, "", "", ROLE_MEMBER, "", 0);
    }

    public MemberState withMuteEndTime(long epochMillis) {
        return new MemberState(groupID, userID, nickname, faceURL, roleLevel, ex, epochMillis);
    }

    /** Whether the member is still muted at {@code epochMillis}. */
    public boolean mutedAt(long epochMillis) {
        return muteEndTime > epochMillis;
    }
}
