package io.groupsync.time;

/**
 * The one source of time in groupsync. Monotonic nanoseconds for intervals and deadlines, wall-clock
 * milliseconds for timestamps that leave the process. Injected everywhere so that tests move time
 * instead of sleeping (in the spirit of bucket4j's {@code TimeMeter}).
 */
public interface Clock {

    /** Monotonic time for measuring intervals; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, for timestamps written to Kafka or sent to vendors. */
    long currentTimeMillis();

    /** Waits {@code nanos} of this clock's time: the real clock sleeps, a test's clock may simply move on. */
    void sleep(long nanos) throws InterruptedException;

    /** The real clock of the JVM. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
