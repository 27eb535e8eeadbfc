package io.groupsync.testkit.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every call an emulator received, so a test can count calls, throttling answers and the busiest second. */
public final class CallLog {

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final List<Call> calls = new ArrayList<>();

    synchronized void add(Call call) {
        calls.add(call);
        notifyAll();
    }

    /** Waits until at least {@code count} calls were received or {@code timeout} passed; true if they were. */
    public synchronized boolean awaitCount(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> of(String api) {
        return calls.stream().filter(c -> c.api().equals(api)).toList();
    }

    public synchronized int count() {
        return calls.size();
    }

    public synchronized int count(String api) {
        return (int) calls.stream().filter(c -> c.api().equals(api)).count();
    }

    public synchronized int throttled() {
        return (int) calls.stream().filter(Call::throttled).count();
    }

    /** The most calls to {@code api} that arrived within any sliding one-second window. */
    public synchronized int busiestSecond(String api) {
        return busiestSecond(of(api).stream().mapToLong(Call::arrivalNanos).toArray());
    }

    /** The most calls, to any API, within any sliding one-second window. */
    public synchronized int busiestSecond() {
        return busiestSecond(calls.stream().mapToLong(Call::arrivalNanos).toArray());
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** Two pointers over the sorted arrivals: the widest run whose span is under one second. */
    public static int busiestSecond(long[] arrivals) {
        long[] sorted = arrivals.clone();
        Arrays.sort(sorted);
        int best = 0;
        int start = 0;
        for (int end = 0; end < sorted.length; end++) {
            while (sorted[end] - sorted[start] >= ONE_SECOND) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
