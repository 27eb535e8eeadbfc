package io.groupsync.testkit.emulator.tencent;

/**
 * What a well-formed Tencent group ID is. Tencent's "Use Limits" page (tencentcloud.com/document/product/1047/34381)
 * allows custom group IDs of printable ASCII (0x20-0x7e) up to 48 bytes; the API pages name code 10015, "invalid
 * group ID", so an empty ID, a longer one, or one with a control or a non-ASCII character is malformed (10015); a
 * well-formed ID that names no group is 10010.
 */
final class GroupIds {

    static final int MAX_BYTES = 48;

    private GroupIds() {
    }

    static boolean wellFormed(String groupId) {
        if (groupId.isEmpty() || groupId.length() > MAX_BYTES) {
            return false;
        }
        return groupId.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    static void check(String groupId) {
        if (!wellFormed(groupId)) {
            throw new TencentError(TencentError.BAD_GROUP_ID, "invalid GroupId " + quoted(groupId)
                    + ": 1 to " + MAX_BYTES + " printable ASCII characters (0x20-0x7e)");
        }
    }

    private static String quoted(String groupId) {
        return "\"" + (groupId.length() > 64 ? groupId.substring(0, 64) + "..." : groupId) + "\"";
    }
}
