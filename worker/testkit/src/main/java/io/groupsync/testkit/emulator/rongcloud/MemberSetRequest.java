package io.groupsync.testkit.emulator.rongcloud;

import java.util.Map;

/**
 * One checked {@code /entrust/group/member/set.json} call.
 *
 * @param extra null when the call leaves it unchanged. Decision (docs silent): an absent {@code extra} is
 *              unchanged, and an empty one is refused (1002), as the official SDK refuses it ({@code extra} 1..128
 *              in its verify.json): nothing says the server clears on "", so a client must not rely on it.
 *              {@code nickname} is required and may not be empty (the SDK checks 1..64), so a client cannot change
 *              {@code extra} alone without resending it.
 */
record MemberSetRequest(String groupId, String userId, String nickname, String extra) {

    static final int MAX_NICKNAME = 64;
    static final int MAX_EXTRA = 128;

    static MemberSetRequest parse(Map<String, String> form) {
        String groupId = FormChecks.groupId(form);
        String userId = FormChecks.userId(form);
        String nickname = FormChecks.required(form, "nickname", MAX_NICKNAME);
        String extra = form.get("extra");
        if (extra != null) {
            if (extra.isEmpty()) {
                throw RongCloudRejection.paramError("extra must be 1 to " + MAX_EXTRA + " characters");
            }
            FormChecks.maxLength("extra", extra, MAX_EXTRA);
        }
        return new MemberSetRequest(groupId, userId, nickname, extra);
    }
}
