package io.groupsync.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The canonical fields an event can edit: the union of what the three vendors offer (docs/design.md, "The event").
 * A vendor route maps the ones its vendor has and reports the others as skipped. The wire name is the name
 * used in results and dead letters, the same as the Avro field (prefixed by its settings record where nested).
 */
public enum Field {
    NAME("name", TargetKind.GROUP),
    INTRODUCTION("introduction", TargetKind.GROUP),
    NOTIFICATION("notification", TargetKind.GROUP),
    FACE_URL("faceUrl", TargetKind.GROUP),
    MAX_MEMBER_NUM("maxMemberNum", TargetKind.GROUP),
    JOIN_OPTION("joinOption", TargetKind.GROUP),
    INVITE_OPTION("inviteOption", TargetKind.GROUP),
    MUTE_ALL("muteAll", TargetKind.GROUP),
    CUSTOM_DATA("customData", TargetKind.GROUP),
    OPENIM_LOOK_MEMBER_INFO("openIm.lookMemberInfo", TargetKind.GROUP),
    OPENIM_APPLY_MEMBER_FRIEND("openIm.applyMemberFriend", TargetKind.GROUP),
    RONGCLOUD_REMOVE_PERM("rongCloud.removePerm", TargetKind.GROUP),
    RONGCLOUD_MEM_INVITE_PERM("rongCloud.memInvitePerm", TargetKind.GROUP),
    RONGCLOUD_INVITE_PERM("rongCloud.invitePerm", TargetKind.GROUP),
    RONGCLOUD_PROFILE_PERM("rongCloud.profilePerm", TargetKind.GROUP),
    RONGCLOUD_MEM_PROFILE_PERM("rongCloud.memProfilePerm", TargetKind.GROUP),
    ROLE("role", TargetKind.MEMBER),
    NAME_CARD("nameCard", TargetKind.MEMBER),
    MSG_FLAG("msgFlag", TargetKind.MEMBER),
    /** Stored as a {@link MuteDeadline}: a mute is a deadline, not a duration. */
    MUTE("muteSeconds", TargetKind.MEMBER),
    MEMBER_CUSTOM_DATA("customData", TargetKind.MEMBER);

    private final String wireName;
    private final TargetKind kind;

    Field(String wireName, TargetKind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public TargetKind kind() {
        return kind;
    }

    /** Custom data merges key by key instead of replacing the whole value. */
    public boolean isKeyed() {
        return this == CUSTOM_DATA || this == MEMBER_CUSTOM_DATA;
    }

    public static Set<Field> of(TargetKind kind) {
        EnumSet<Field> out = EnumSet.noneOf(Field.class);
        Arrays.stream(values()).filter(f -> f.kind == kind).forEach(out::add);
        return out;
    }
}
