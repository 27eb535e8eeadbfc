package io.groupsync.imapi.tencent;

import io.groupsync.imapi.Unsupported;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which canonical fields Tencent offers (docs/design.md's mapping table) and why it skips the others. */
final class TencentFields {

    /** Every canonical group and member field but the OpenIM and RongCloud settings. */
    static final Set<Field> SUPPORTED = EnumSet.of(
            Field.NAME, Field.INTRODUCTION, Field.NOTIFICATION, Field.FACE_URL, Field.MAX_MEMBER_NUM,
            Field.JOIN_OPTION, Field.INVITE_OPTION, Field.MUTE_ALL, Field.CUSTOM_DATA,
            Field.ROLE, Field.NAME_CARD, Field.MSG_FLAG, Field.MUTE, Field.MEMBER_CUSTOM_DATA);

    private TencentFields() {
    }

    /** The fields of {@code patch} Tencent has no setting for, in the patch's field order, each with why. */
    static Map<Field, String> unsupported(Target target, Patch patch) {
        return Unsupported.of(target, patch, field -> SUPPORTED.contains(field) ? null : reason(field));
    }

    private static String reason(Field field) {
        return switch (field) {
            case OPENIM_LOOK_MEMBER_INFO, OPENIM_APPLY_MEMBER_FRIEND ->
                    "Tencent has no such setting: " + field.wireName() + " is an OpenIM group setting";
            case RONGCLOUD_REMOVE_PERM, RONGCLOUD_MEM_INVITE_PERM, RONGCLOUD_INVITE_PERM, RONGCLOUD_PROFILE_PERM,
                    RONGCLOUD_MEM_PROFILE_PERM ->
                    "Tencent has no such setting: " + field.wireName() + " is a RongCloud group permission";
            default -> "Tencent has no such setting";
        };
    }
}
