package io.groupsync.imapi.tencent;

import io.groupsync.event.GroupType;
import io.groupsync.event.MemberRole;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.TargetKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Why one edit cannot go to Tencent as it is: byte limits (UTF-8, as Tencent counts them; a Chinese character is
 * three bytes), the role a profile edit cannot set, and the rules of the group type when the event names it.
 * Checked per edit, before merging, so one bad edit never spoils a merged request (see VendorClient#violations).
 */
final class TencentLimits {

    /** The texts' limits in UTF-8 bytes, checked in the fields' order. */
    private static final Map<Field, Integer> TEXT_BYTES = new EnumMap<>(Map.of(
            Field.NAME, 30, Field.INTRODUCTION, 240, Field.NOTIFICATION, 300, Field.FACE_URL, 100,
            Field.NAME_CARD, 50));
    // From Tencent's Custom Fields page rather than the seed pages (the emulator makes the same choice).
    static final int CUSTOM_KEY_BYTES = 16;
    static final int GROUP_CUSTOM_VALUE_BYTES = 4000;
    static final int MEMBER_CUSTOM_VALUE_BYTES = 64;
    static final int MAX_GROUP_ID_BYTES = 48;
    /**
     * The custom fields an app may configure, so the most keys one edit can validly set: 10 per group and 5 per
     * member (Tencent's "Use Limits" page, tencentcloud.com/document/product/1047/34381).
     */
    static final int GROUP_CUSTOM_KEYS = 10;
    static final int MEMBER_CUSTOM_KEYS = 5;
    /**
     * Members per group (Tencent's Group System page, tencentcloud.com/document/product/1047/33529): Work, Public
     * and Meeting up to 6,000 with paid add-ons (a route's plan may allow fewer: routes[].max-member-num), Community
     * up to 100,000; AVChatRoom has no limit and ignores MaxMemberNum.
     */
    static final int PAID_MAX_MEMBERS = 6000;
    static final int COMMUNITY_MAX_MEMBERS = 100_000;

    private TencentLimits() {
    }

    /** @param planMaxMembers the most members the route's plan allows in a Work, Public or Meeting group */
    static List<String> violations(Edit edit, Patch patch, int planMaxMembers) {
        List<String> out = new ArrayList<>();
        if (!patch.isEmpty()) {
            // Nothing is sent for an empty patch, so Tencent never sees (or refuses) the id.
            groupId(edit.groupId(), out);
        }
        if (edit.target().kind() == TargetKind.GROUP) {
            groupLimits(patch, out);
            groupTypeRules(edit.groupType(), patch, out);
            maxMemberNum(edit.groupType(), patch, planMaxMembers, out);
        } else {
            memberLimits(patch, out);
            memberTypeRules(edit.groupType(), patch, out);
        }
        return out;
    }

    /**
     * Tencent refuses a malformed id with 10015, which would spoil a merged request. Its "Use Limits" page
     * (tencentcloud.com/document/product/1047/34381, "Custom group ID"): printable ASCII (0x20-0x7e), at most 48
     * bytes; Tencent's own ids ({@code @TGS#…}) are too.
     */
    private static void groupId(String groupId, List<String> out) {
        int size = utf8(groupId);
        if (size > MAX_GROUP_ID_BYTES) {
            out.add("groupId is " + size + " bytes; Tencent allows at most " + MAX_GROUP_ID_BYTES);
        }
        if (!groupId.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            out.add("groupId has characters Tencent refuses; it allows only printable ASCII (0x20-0x7e)");
        }
    }

    private static void groupLimits(Patch patch, List<String> out) {
        String name = patch.get(Field.NAME, String.class);
        if (name != null && name.isEmpty()) {
            out.add("name must not be empty: Tencent refuses to blank a group's name");
        }
        texts(TargetKind.GROUP, patch, out);
        customData(Field.CUSTOM_DATA, patch.customData(), GROUP_CUSTOM_KEYS, GROUP_CUSTOM_VALUE_BYTES, out);
    }

    private static void memberLimits(Patch patch, List<String> out) {
        if (patch.get(Field.ROLE, MemberRole.class) == MemberRole.OWNER) {
            out.add("role OWNER: the owner cannot be set by a profile edit (Tencent changes it only by transfer)");
        }
        texts(TargetKind.MEMBER, patch, out);
        customData(Field.MEMBER_CUSTOM_DATA, patch.customData(), MEMBER_CUSTOM_KEYS, MEMBER_CUSTOM_VALUE_BYTES, out);
    }

    /** Without a group type in the event these cannot be checked here; Tencent then refuses with 10004/10007. */
    private static void groupTypeRules(GroupType type, Patch patch, List<String> out) {
        if (type == GroupType.COMMUNITY && patch.has(Field.JOIN_OPTION)) {
            out.add("joinOption: Tencent Community groups have no ApplyJoinOption");
        }
        if (type == GroupType.AVCHATROOM && patch.has(Field.INVITE_OPTION)) {
            out.add("inviteOption: Tencent AVChatRoom groups have no InviteJoinOption");
        }
        // MaxMemberNum on an AVChatRoom is not refused: Tencent ignores it there, and refusing would also throw
        // away the edit's other fields.
    }

    /**
     * An oversized MaxMemberNum makes Tencent refuse the whole request (10004), the other edits merged with it
     * included. Without a group type in the event the largest bound of any type that keeps one applies.
     */
    private static void maxMemberNum(GroupType type, Patch patch, int planMaxMembers, List<String> out) {
        Integer value = patch.get(Field.MAX_MEMBER_NUM, Integer.class);
        if (value == null || type == GroupType.AVCHATROOM) {
            return;
        }
        if (value < 1) {
            out.add("maxMemberNum " + value + ": Tencent takes at least 1");
            return;
        }
        int bound = type == null ? Math.max(planMaxMembers, COMMUNITY_MAX_MEMBERS)
                : type == GroupType.COMMUNITY ? COMMUNITY_MAX_MEMBERS : planMaxMembers;
        if (value > bound) {
            out.add("maxMemberNum " + value + ": Tencent allows at most " + bound + " members in "
                    + (type == null ? "any group" : "a " + type + " group")
                    + (type == null || type == GroupType.COMMUNITY ? "" : " on this route's plan (max-member-num)"));
        }
    }

    private static void memberTypeRules(GroupType type, Patch patch, List<String> out) {
        if (type == GroupType.AVCHATROOM && !patch.isEmpty() && !TencentClient.muteOnly(patch)) {
            // A mute alone goes as forbid_send_msg, which AVChatRoom groups do take (see TencentClient.plan).
            out.add("member profile: Tencent AVChatRoom groups store no member profiles, so none can be edited "
                    + "(a mute alone can be sent)");
            return;
        }
        if (type == GroupType.WORK && patch.has(Field.MUTE)) {
            out.add("muteSeconds: Tencent Work groups do not support muting members");
        }
        if (type == GroupType.WORK && patch.get(Field.ROLE, MemberRole.class) == MemberRole.ADMIN) {
            out.add("role ADMIN: Tencent Work groups have no admins");
        }
    }

    private static void texts(TargetKind kind, Patch patch, List<String> out) {
        TEXT_BYTES.forEach((field, max) -> {
            String value = field.kind() == kind ? patch.get(field, String.class) : null;
            int size = value == null ? 0 : utf8(value);
            if (size > max) {
                out.add(field.wireName() + " is " + size + " bytes in UTF-8; Tencent allows at most " + max);
            }
        });
    }

    /** A null value deletes the key, so only keys are checked for it. */
    private static void customData(Field field, Map<String, String> data, int maxKeys, int maxValue,
                                   List<String> out) {
        if (data.size() > maxKeys) {
            out.add(field.wireName() + " sets " + data.size() + " keys; Tencent allows at most " + maxKeys
                    + " custom fields per group type");
            return;
        }
        data.forEach((key, value) -> {
            int keySize = utf8(key);
            if (keySize > CUSTOM_KEY_BYTES) {
                out.add(field.wireName() + " key " + key + " is " + keySize + " bytes in UTF-8; Tencent allows at most "
                        + CUSTOM_KEY_BYTES);
            }
            int valueSize = value == null ? 0 : utf8(value);
            if (valueSize > maxValue) {
                out.add(field.wireName() + " value of " + key + " is " + valueSize
                        + " bytes in UTF-8; Tencent allows at most " + maxValue);
            }
        });
    }

    private static int utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
