package io.groupsync.model;

/** What an edit changes: the group's own profile, or one member's profile within the group. */
public enum TargetKind {
    GROUP,
    MEMBER
}
