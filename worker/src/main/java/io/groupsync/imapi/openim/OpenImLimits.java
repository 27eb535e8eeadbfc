package io.groupsync.imapi.openim;

import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.imapi.Unsupported;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which canonical fields OpenIM lacks, and which values of the fields it has it cannot take. No length limits:
 * open-im-server v3.8 sets none on the group or member texts (the emulator found none), so none is invented.
 */
final class OpenImLimits {

    private static final Map<Field, String> UNSUPPORTED;

    static {
        Map<Field, String> reasons = new EnumMap<>(Field.class);
        reasons.put(Field.MAX_MEMBER_NUM, "OpenIM has no member limit to set on a group");
        reasons.put(Field.INVITE_OPTION,
                "OpenIM has no separate invitation policy: needVerification (joinOption) covers invitations too");
        String rongCloudOnly = "a RongCloud permission: OpenIM has no such setting";
        reasons.put(Field.RONGCLOUD_REMOVE_PERM, rongCloudOnly);
        reasons.put(Field.RONGCLOUD_MEM_INVITE_PERM, rongCloudOnly);
        reasons.put(Field.RONGCLOUD_INVITE_PERM, rongCloudOnly);
        reasons.put(Field.RONGCLOUD_PROFILE_PERM, rongCloudOnly);
        reasons.put(Field.RONGCLOUD_MEM_PROFILE_PERM, rongCloudOnly);
        reasons.put(Field.MSG_FLAG, "OpenIM's set_group_member_info has no message receiving option");
        UNSUPPORTED = Collections.unmodifiableMap(reasons);
    }

    private OpenImLimits() {
    }

    static Map<Field, String> unsupported(Target target, Patch patch) {
        return Unsupported.of(target, patch, UNSUPPORTED::get);
    }

    /**
     * What in one edit OpenIM cannot take as asked. A value it cannot express is refused rather than weakened or
     * skipped: sending something near it would leave the group in a state nobody asked for.
     */
    static List<String> violations(Patch supported) {
        List<String> out = new ArrayList<>();
        String name = supported.get(Field.NAME, String.class);
        if (name != null && name.isBlank()) {
            out.add("name is blank: OpenIM answers success to a blank groupName and then changes nothing at all,"
                    + " the other fields of the call included");
        }
        if (supported.get(Field.JOIN_OPTION, JoinOption.class) == JoinOption.DISABLE_APPLY) {
            out.add("joinOption DISABLE_APPLY: OpenIM's needVerification cannot refuse join requests"
                    + " (0 request required, 1 verification for all, 2 direct join)");
        }
        if (supported.get(Field.ROLE, MemberRole.class) == MemberRole.OWNER) {
            out.add("role OWNER: OpenIM sets roleLevel 20 (member) or 60 (admin) only; an owner is made by a"
                    + " group transfer");
        }
        return out;
    }
}
