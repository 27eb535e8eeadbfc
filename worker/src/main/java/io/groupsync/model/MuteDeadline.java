package io.groupsync.model;

/**
 * A member's mute as the moment it ends, so that a coalesced or retried mute sends only the time that remains.
 *
 * @param untilEpochMillis when the mute ends; 0 for "not muted", {@link Long#MAX_VALUE} for "muted for ever"
 */
public record MuteDeadline(long untilEpochMillis) {

    /** Tencent's "for ever" (4294967295 seconds), which the other vendors have no word for. */
    public static final long FOREVER_SECONDS = 4_294_967_295L;

    public static final MuteDeadline UNMUTED = new MuteDeadline(0);
    public static final MuteDeadline FOREVER = new MuteDeadline(Long.MAX_VALUE);

    /** The deadline of a mute of {@code seconds} that was decided at {@code occurredAtMillis}. */
    public static MuteDeadline of(long occurredAtMillis, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("a mute cannot last a negative time: " + seconds);
        }
        if (seconds == 0) {
            return UNMUTED;
        }
        if (seconds >= FOREVER_SECONDS) {
            return FOREVER;
        }
        return new MuteDeadline(occurredAtMillis + seconds * 1000);
    }

    public boolean isForever() {
        return untilEpochMillis == Long.MAX_VALUE;
    }

    /** Whole seconds left at {@code nowMillis}, rounded up so a mute is never cut short; 0 when it has passed. */
    public long remainingSeconds(long nowMillis) {
        if (isForever()) {
            return FOREVER_SECONDS;
        }
        long left = untilEpochMillis - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }
}
