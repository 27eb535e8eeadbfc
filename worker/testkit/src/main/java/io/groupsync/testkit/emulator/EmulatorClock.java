package io.groupsync.testkit.emulator;

/**
 * The emulators' time: monotonic nanoseconds for the sliding windows and token lifetimes, wall-clock milliseconds for
 * what a vendor compares with the clock of its caller (UserSig and signature timestamps, mute deadlines). The same
 * two methods as the worker's own clock, so a test's manual clock can drive the worker's code and an emulator at once
 * by implementing both (the testkit cannot name the worker's clock: the worker's tests depend on the testkit).
 */
public interface EmulatorClock {

    /** Monotonic time for measuring intervals; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds. */
    long currentTimeMillis();

    /** The real clock of the JVM. */
    static EmulatorClock system() {
        return SystemClock.INSTANCE;
    }
}
