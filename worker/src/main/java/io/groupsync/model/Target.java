package io.groupsync.model;

import java.util.Objects;

/**
 * The thing a pending patch is for, within one group: the group profile, or one member.
 *
 * @param memberId the member, or null for the group profile
 */
public record Target(String memberId) {

    private static final Target GROUP = new Target(null);

    public static Target group() {
        return GROUP;
    }

    public static Target member(String memberId) {
        return new Target(Objects.requireNonNull(memberId, "memberId"));
    }

    public TargetKind kind() {
        return memberId == null ? TargetKind.GROUP : TargetKind.MEMBER;
    }

    @Override
    public String toString() {
        return memberId == null ? "group" : "member:" + memberId;
    }
}
