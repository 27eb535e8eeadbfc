package io.groupsync.imapi.rongcloud;

import io.groupsync.event.JoinOption;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.imapi.Unsupported;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which canonical fields RongCloud's entrust APIs offer (docs/design.md's mapping table), why it skips the others, and
 * how canonical values become RongCloud's.
 *
 * <p>Decisions where the docs are silent:
 * <ul>
 *   <li><b>joinOption → joinPerm:</b> FREE_ACCESS → 1 (no approval), NEED_PERMISSION → 2 (the owner or an admin
 *   approves; that is what "needs permission" means on Tencent, where the canonical values come from),
 *   DISABLE_APPLY → 3 (no one can join). RongCloud's 0 (only the owner approves) has no canonical value and is
 *   never sent.</li>
 *   <li><b>customData → groupExtProfile:</b> RongCloud wants every key to start with {@code ext_}; a canonical
 *   key gets the prefix unless it already has it, so one event's custom data works on every vendor. Hence
 *   {@code level} and {@code ext_level} name the same RongCloud key: one event may not set both (a violation);
 *   across merged events the later edit wins, as for any other value.</li>
 *   <li><b>member customData → extra:</b> {@code extra} is one string. The custom-data key {@value #EXTRA_KEY}
 *   is the whole string; any other key is merged into it as a JSON object, read back first (see
 *   {@link MemberReadBack}).</li>
 *   <li><b>nickname:</b> RongCloud refuses a member edit without one; an edit without nameCard resends the one
 *   RongCloud holds, read back first.</li>
 * </ul>
 */
final class RongCloudFields {

    /** The custom-data key of a member edit that is RongCloud's whole {@code extra} string. */
    static final String EXTRA_KEY = "extra";
    static final String EXT_PREFIX = "ext_";

    static final Set<Field> SUPPORTED = EnumSet.of(
            Field.NAME, Field.INTRODUCTION, Field.NOTIFICATION, Field.FACE_URL, Field.JOIN_OPTION,
            Field.CUSTOM_DATA, Field.RONGCLOUD_REMOVE_PERM, Field.RONGCLOUD_MEM_INVITE_PERM,
            Field.RONGCLOUD_INVITE_PERM, Field.RONGCLOUD_PROFILE_PERM, Field.RONGCLOUD_MEM_PROFILE_PERM,
            Field.NAME_CARD, Field.MEMBER_CUSTOM_DATA);

    private RongCloudFields() {
    }

    /** The fields of {@code patch} RongCloud will not get, in the patch's field order, each with why. */
    static Map<Field, String> unsupported(Target target, Patch patch) {
        return Unsupported.of(target, patch, RongCloudFields::whyNot);
    }

    private static String whyNot(Field field) {
        return SUPPORTED.contains(field) ? null : reason(field);
    }

    private static String reason(Field field) {
        return switch (field) {
            case MAX_MEMBER_NUM -> "RongCloud's group profile has no member limit";
            case INVITE_OPTION -> "RongCloud has no join policy for invited users (its invitePerm, whether invitees"
                    + " must accept, is rongCloud.invitePerm)";
            case MUTE_ALL -> "RongCloud's group profile API cannot mute the whole group";
            case OPENIM_LOOK_MEMBER_INFO, OPENIM_APPLY_MEMBER_FRIEND ->
                    "RongCloud has no such setting: " + field.wireName() + " is an OpenIM group setting";
            case ROLE -> "RongCloud's member profile API sets no role";
            case MSG_FLAG -> "RongCloud has no per-member message receiving option";
            case MUTE -> "RongCloud's member profile API cannot mute a member";
            default -> "RongCloud has no such setting";
        };
    }

    /** The {@code groupExtProfile} key of a canonical custom-data key. */
    static String extKey(String canonicalKey) {
        return canonicalKey.startsWith(EXT_PREFIX) ? canonicalKey : EXT_PREFIX + canonicalKey;
    }

    static int joinPerm(JoinOption option) {
        return switch (option) {
            case FREE_ACCESS -> 1;
            case NEED_PERMISSION -> 2;
            case DISABLE_APPLY -> 3;
        };
    }

    /** removePerm, memInvitePerm, profilePerm: 0 owner, 1 owner and admins, 2 all members. */
    static int managerScope(RongCloudManagerScope scope) {
        return switch (scope) {
            case OWNER -> 0;
            case OWNER_AND_ADMINS -> 1;
            case ALL_MEMBERS -> 2;
        };
    }

    static int inviteConsent(RongCloudInviteConsent consent) {
        return switch (consent) {
            case NOT_REQUIRED -> 0;
            case REQUIRED -> 1;
        };
    }

    static int memberProfileScope(RongCloudMemberProfileScope scope) {
        return switch (scope) {
            case OWNER_ADMINS_AND_SELF -> 0;
            case OWNER_AND_SELF -> 1;
            case SELF_ONLY -> 2;
        };
    }
}
