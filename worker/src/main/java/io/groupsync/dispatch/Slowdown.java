package io.groupsync.dispatch;

import java.time.Duration;

/**
 * The rate given up after repeated throttling answers: cut to half of what it was, then climbing back by a tenth of
 * the limit each second, so the rate settles just under what the vendor really allows instead of jumping between
 * half and full (a fixed spell at half rate ended at full rate, was throttled again and halved again: a saw-tooth).
 * Given up as debt on the token source, a share of each second's refill, so a shared source slows the whole fleet.
 * Owned by the pipeline thread.
 */
final class Slowdown {

    /** Share of the full rate regained each second. */
    static final double CLIMB_PER_SECOND = 0.1;
    /** The rate is never cut below this share of the limit. */
    static final double FLOOR = 0.125;
    private static final double ONE_SECOND = Duration.ofSeconds(1).toNanos();

    private double startShare = 1;
    private long climbFromNanos;
    private long chargedToNanos = Long.MIN_VALUE;
    private double owedFraction;

    /** The share of the full rate allowed at {@code nanos}. */
    double share(long nanos) {
        if (startShare >= 1 || nanos < climbFromNanos) {
            return startShare;
        }
        return Math.min(1, startShare + CLIMB_PER_SECOND * (nanos - climbFromNanos) / ONE_SECOND);
    }

    /** Halves the rate from what it is now; it climbs back from {@code climbFromNanos} (the pause's end) on. */
    void cut(long nowNanos, long climbFromNanos) {
        startShare = Math.max(FLOOR, share(nowNanos) / 2);
        this.climbFromNanos = climbFromNanos;
        chargedToNanos = climbFromNanos;
    }

    /** The whole tokens owed for the time since the last call, at {@code refillPerSecond}; the rest carries over. */
    long owed(long nowNanos, int refillPerSecond) {
        if (startShare >= 1 || nowNanos <= chargedToNanos) {
            return 0;
        }
        long from = chargedToNanos;
        chargedToNanos = nowNanos;
        // The share climbs linearly, so its midpoint is its mean over the interval (to within the cap at 1).
        owedFraction += (1 - share(from + (nowNanos - from) / 2)) * refillPerSecond * (nowNanos - from) / ONE_SECOND;
        long whole = (long) owedFraction;
        owedFraction -= whole;
        if (share(nowNanos) >= 1) {
            startShare = 1;
            owedFraction = 0;
        }
        return whole;
    }
}
