package io.groupsync.record;

/** For tests whose events are never large enough to have their values let go: asked to read one back, it fails. */
public final class NoRereads {

    public static final OriginalValues ORIGINALS = source -> {
        throw new AssertionError("no value was let go, none should be read back: " + source);
    };

    private NoRereads() {
    }
}
