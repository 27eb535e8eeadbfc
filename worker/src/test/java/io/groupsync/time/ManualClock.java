package io.groupsync.time;

import io.groupsync.testkit.emulator.EmulatorClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when a test moves it. Thread-safe, so a test can advance it while workers read it. Also an
 * emulator's clock, so that a client and the emulator it calls share one time.
 */
public final class ManualClock implements Clock, EmulatorClock {

    private final AtomicLong nanos = new AtomicLong();
    private final long epochMillisAtZero;

    public ManualClock() {
        this(1_700_000_000_000L);
    }

    public ManualClock(long epochMillisAtZero) {
        this.epochMillisAtZero = epochMillisAtZero;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return epochMillisAtZero + nanos.get() / 1_000_000;
    }

    /** Sleeping on a manual clock moves it on by as much: the sleeper wakes at once, the time having passed. */
    @Override
    public void sleep(long nanos) {
        advance(Duration.ofNanos(nanos));
    }
}
