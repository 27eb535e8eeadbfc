package io.groupsync.testkit.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An emulator clock that only moves when a test moves it, so a sliding window, a token's lifetime or a UserSig's
 * expiry is crossed exactly, without sleeping. Thread-safe: a test can advance it while the emulator's threads read it.
 */
public class ManualEmulatorClock implements EmulatorClock {

    private final AtomicLong nanos = new AtomicLong();
    private final long epochMillisAtZero;

    /** Starting at 2023-11-14T22:13:20Z, a fixed second so that tests are repeatable. */
    public ManualEmulatorClock() {
        this(1_700_000_000_000L);
    }

    public ManualEmulatorClock(long epochMillisAtZero) {
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
}
