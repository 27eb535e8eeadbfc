package io.groupsync.model;

/**
 * A member's mute as the moment it ends, so that a coalesced or retried mute sends only the time that remains.
 * The arithmetic cannot overflow: a deadline that would not fit is refused, and the seconds sent for a finite mute
 * stay below {@link #FOREVER_SECONDS} whatever the clocks say, so a mute is never sent as for ever, nor wrapped
 * round into the past.
 *
 * @param untilEpochMillis when the mute ends; 0 for "not muted", {@link Long#MAX_VALUE} for "muted for ever"
 */
public record MuteDeadline(long untilEpochMillis) {

    /** Tencent's "for ever" (4294967295 seconds), which the other vendors have no word for. */
    public static final long FOREVER_SECONDS = 4_294_967_295L;
    /** The longest finite mute, in seconds: one more is for ever. */
    public static final long LONGEST_SECONDS = FOREVER_SECONDS - 1;

    public static final MuteDeadline UNMUTED = new MuteDeadline(0);
    public static final MuteDeadline FOREVER = new MuteDeadline(Long.MAX_VALUE);

    public MuteDeadline {
        if (untilEpochMillis < 0) {
            throw new IllegalArgumentException("a mute ends at or after the Unix epoch: " + untilEpochMillis);
        }
    }

    /** The deadline of a mute of {@code seconds} counted from {@code fromEpochMillis}. */
    public static MuteDeadline of(long fromEpochMillis, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("a mute cannot last a negative time: " + seconds);
        }
        if (seconds == 0) {
            return UNMUTED;
        }
        if (seconds >= FOREVER_SECONDS) {
            return FOREVER;
        }
        if (fromEpochMillis < 0) {
            throw new IllegalArgumentException("a mute counts from a time after the Unix epoch: " + fromEpochMillis);
        }
        // seconds * 1000 is below 2^42, so only the sum can overflow; Long.MAX_VALUE itself means for ever.
        if (fromEpochMillis >= Long.MAX_VALUE - seconds * 1000) {
            throw new IllegalArgumentException("a mute of " + seconds + " s from " + fromEpochMillis
                    + " ms would end past the last representable time");
        }
        return new MuteDeadline(fromEpochMillis + seconds * 1000);
    }

    public boolean isForever() {
        return untilEpochMillis == Long.MAX_VALUE;
    }

    /**
     * Whole seconds left at {@code nowMillis}, rounded up so a mute is never cut short; 0 when it has passed; at most
     * {@link #LONGEST_SECONDS} for a finite mute.
     */
    public long remainingSeconds(long nowMillis) {
        if (isForever()) {
            return FOREVER_SECONDS;
        }
        if (untilEpochMillis <= nowMillis) {
            return 0;
        }
        // Both at or after the epoch, so the difference fits; a clock before it is taken as the epoch.
        long left = untilEpochMillis - Math.max(nowMillis, 0);
        return Math.min(left / 1000 + (left % 1000 == 0 ? 0 : 1), LONGEST_SECONDS);
    }
}
