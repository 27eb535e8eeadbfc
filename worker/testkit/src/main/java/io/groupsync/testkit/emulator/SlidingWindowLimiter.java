package io.groupsync.testkit.emulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The vendors' frequency limit as the strictest reading of "N calls per second": at most N admitted calls in
 * any one-second window, sliding, per API. A fixed-window counter would let 2N through around a boundary and
 * so could not catch a client whose bucket is sized wrong.
 */
public final class SlidingWindowLimiter {

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final EmulatorClock clock;
    private final Map<String, Integer> limits = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> admitted = new HashMap<>();
    private int defaultLimit;

    public SlidingWindowLimiter(EmulatorClock clock, int defaultLimit) {
        this.clock = clock;
        this.defaultLimit = defaultLimit;
    }

    public synchronized void setDefaultLimit(int perSecond) {
        this.defaultLimit = perSecond;
    }

    public synchronized void setLimit(String api, int perSecond) {
        limits.put(api, perSecond);
    }

    public synchronized int limit(String api) {
        return limits.getOrDefault(api, defaultLimit);
    }

    /** Admits the call if fewer than the limit were admitted in the last second; a refused call does not count. */
    public synchronized boolean tryAdmit(String api) {
        long now = clock.nanoTime();
        ArrayDeque<Long> window = admitted.computeIfAbsent(api, a -> new ArrayDeque<>());
        while (!window.isEmpty() && now - window.peekFirst() >= ONE_SECOND) {
            window.pollFirst();
        }
        if (window.size() >= limit(api)) {
            return false;
        }
        window.addLast(now);
        return true;
    }
}
