package io.groupsync.testkit.emulator.rongcloud;

/**
 * What RongCloud holds for one member of a hosted group, under the vendor's field names.
 *
 * @param nickname null until set
 * @param extra    null until set
 */
public record MemberState(String groupId, String userId, String nickname, String extra) {
}
