package io.groupsync.model;

/**
 * What became of one field of an event on one route, when its value did not reach the vendor although the vendor
 * offers the field: replaced by a later edit merged with it, or stale, a newer version being applied already.
 *
 * @param byEventId the edit whose value won, or null when only its version is known (restored from the topic)
 */
public record FieldFate(Kind kind, String byEventId, Version byVersion) {

    public enum Kind {
        REPLACED,
        STALE
    }

    public static FieldFate replaced(String byEventId, Version byVersion) {
        return new FieldFate(Kind.REPLACED, byEventId, byVersion);
    }

    public static FieldFate stale(String byEventId, Version byVersion) {
        return new FieldFate(Kind.STALE, byEventId, byVersion);
    }
}
