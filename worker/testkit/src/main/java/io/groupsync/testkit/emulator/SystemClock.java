package io.groupsync.testkit.emulator;

/** The JVM's clock, as {@link EmulatorClock#system()}. */
enum SystemClock implements EmulatorClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
