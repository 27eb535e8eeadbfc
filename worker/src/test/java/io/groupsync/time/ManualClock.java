package io.groupsync.time;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.time.Duration;

/**
 * A clock that only moves when a test moves it: the testkit's manual clock, made the worker's clock too, so that a
 * client and the emulator it calls share one time. Thread-safe, so a test can advance it while workers read it.
 */
public final class ManualClock extends ManualEmulatorClock implements Clock {

    public ManualClock() {
    }

    public ManualClock(long epochMillisAtZero) {
        super(epochMillisAtZero);
    }

    /** Sleeping on a manual clock moves it on by as much: the sleeper wakes at once, the time having passed. */
    @Override
    public void sleep(long nanos) {
        advance(Duration.ofNanos(nanos));
    }
}
