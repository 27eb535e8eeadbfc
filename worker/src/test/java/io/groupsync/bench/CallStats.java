package io.groupsync.bench;

import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.CallLog;
import java.util.Arrays;
import java.util.List;

/**
 * Figures of one vendor API taken from what its emulator received: arrival times on the emulator's clock (the
 * driver's monotonic clock), so they are what the vendor would count, not what the worker meant to send.
 */
final class CallStats {

    private static final long SECOND = 1_000_000_000L;

    final String api;
    final int limit;
    final long[] arrivals;
    final int throttled;

    CallStats(CallLog log, String api, int limit) {
        this.api = api;
        this.limit = limit;
        List<Call> calls = log.of(api);
        this.arrivals = calls.stream().mapToLong(Call::arrivalNanos).sorted().toArray();
        this.throttled = (int) calls.stream().filter(Call::throttled).count();
    }

    int count() {
        return arrivals.length;
    }

    int busiestSecond() {
        return CallLog.busiestSecond(arrivals);
    }

    long first() {
        return arrivals.length == 0 ? 0 : arrivals[0];
    }

    long last() {
        return arrivals.length == 0 ? 0 : arrivals[arrivals.length - 1];
    }

    /** First to last call, in seconds. */
    double spanSeconds() {
        return arrivals.length < 2 ? 0 : (last() - first()) / 1e9;
    }

    /**
     * The share of the limit used from the first call to the last: while calls are still coming the backlog lasts,
     * so this is "limit use while the backlog lasts". NaN when the calls span under a second (too few to judge).
     */
    double limitUse() {
        double span = spanSeconds();
        return span < 1 ? Double.NaN : (arrivals.length - 1) / span / limit;
    }

    /**
     * Calls in the sliding second that ends at each step from {@code origin}, every {@code stepNanos}: what a
     * vendor counting a sliding window sees, for a chart against the limit.
     *
     * @return {x seconds since origin, calls in the second before it}
     */
    double[][] slidingRate(long origin, long stepNanos) {
        if (arrivals.length == 0) {
            return new double[][] {{0}, {0}};
        }
        int steps = (int) ((last() + SECOND - origin) / stepNanos) + 1;
        double[] x = new double[steps];
        double[] y = new double[steps];
        for (int i = 0; i < steps; i++) {
            long end = origin + i * stepNanos;
            x[i] = i * stepNanos / 1e9;
            y[i] = countBetween(end - SECOND, end);
        }
        return new double[][] {x, y};
    }

    /** Calls arrived in (from, to]. */
    private int countBetween(long from, long to) {
        return upperBound(to) - upperBound(from);
    }

    private int upperBound(long t) {
        int i = Arrays.binarySearch(arrivals, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i < arrivals.length && arrivals[i] == t) {
            i++;
        }
        return i;
    }

    /** Cumulative calls at each step from {@code origin}: one call per event makes this events done for a peer. */
    double[][] cumulative(long origin, long stepNanos) {
        int steps = arrivals.length == 0 ? 1 : (int) ((last() - origin) / stepNanos) + 2;
        double[] x = new double[steps];
        double[] y = new double[steps];
        for (int i = 0; i < steps; i++) {
            x[i] = i * stepNanos / 1e9;
            y[i] = upperBound(origin + i * stepNanos);
        }
        return new double[][] {x, y};
    }
}
