package io.groupsync.dispatch;

import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One vendor API's tokens from the bucket every instance of the consumer group shares, in Redis (bucket4j's
 * compare-and-swap proxy, asynchronous), sized for the vendor's limit as a local bucket would be.
 *
 * <p><b>Batches.</b> A round trip per call would put Redis on the pipeline thread's path and one hot key under a
 * CAS per call (bucket4j issues #404, #407, #603). So tokens are reserved {@link #BATCH} of the fleet's rate at a
 * time (4 at 200/s, 38 at 2,000/s), asynchronously, before the ones in hand run out; when Redis answers slower, a
 * batch grows to cover two round trips (up to {@link #MAX_BATCH}): one reservation is on its way at a time, so a
 * batch smaller than a round trip's worth caps the rate (on the loaded benchmark machine 4-token batches held a single
 * instance to half the limit). A batch is a reservation in the shared schedule: bucket4j's answer says when the last
 * of its tokens falls due ({@link SharedSchedule}), and each token here keeps the moment it falls due in that
 * schedule, one refill period apart, so the calls leave as a single greedy bucket would let them, whichever instance
 * holds them. A token not used by {@link #late} after it fell due is thrown away (and counted) rather than sent late,
 * which could bunch it with the next ones; that costs a little of the limit, never a second over it.
 *
 * <p><b>Redis away.</b> A failed or timed-out reservation switches the API to a local share: the limit ÷ the live
 * instances of the consumer group, re-read as members come and go. The share starts after {@link #FALLBACK_QUIET}:
 * the shared tokens already handed out (here and at the others) leave the sliding second first, and a member that
 * joins meanwhile is counted before it sends. Redis is tried again every {@link #PROBE}; the first reservation that
 * works ends the share, and pays the shared bucket for what this local share spent in the last second and for a
 * second of each other member's share, which it may still be on.
 */
public final class SharedTokens implements TokenSource {

    /** A batch covers this much of the fleet's rate. */
    static final Duration BATCH = Duration.ofMillis(20);
    /** The most of the fleet's rate one batch covers. */
    static final Duration MAX_BATCH = Duration.ofMillis(100);
    /**
     * Reserve the next batch this long (or two round trips, if longer) before the tokens in hand stop covering the
     * reservation horizon.
     */
    static final Duration LEAD = Duration.ofMillis(50);
    static final Duration PROBE = Duration.ofMillis(100);
    static final Duration FALLBACK_QUIET = Duration.ofSeconds(2);
    /** A reservation unanswered for this long counts as failed, even if the client's own timeout did not fire. */
    static final Duration STUCK = Duration.ofSeconds(2);
    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();
    /** While a reservation is on its way and no token is in hand, the loop looks again this soon. */
    private static final long AWAIT_GRANT = Duration.ofMillis(1).toNanos();

    private final String name;
    private final Supplier<AsyncBucketProxy> bucket;
    private final int limit;
    private final Clock clock;
    private final SharedSchedule schedule;
    private final IntSupplier liveInstances;
    private final SharedRateStatus status;
    private final BucketSizing sizing;
    private final int minBatch;
    private final int maxBatch;
    /** Redis's round trip for a reservation, smoothed; it sizes the batches and the lead. */
    private long roundTripNanos;
    private final long periodNanos;
    private final long late;
    /** Due times of the tokens in hand, earliest first. */
    private final ArrayDeque<Long> inHand = new ArrayDeque<>();
    /** When the local share's tokens were taken, for the last second's spend that recovery pays back. */
    private final ArrayDeque<Long> localTakes = new ArrayDeque<>();
    private long requestedAtNanos = Long.MIN_VALUE;
    private boolean requesting;
    private long owed;
    private LocalTokens localShare;
    private int localShareOf;
    private long nextProbeNanos;

    /**
     * @param name          names the bucket in logs: route, account and API
     * @param bucket        the shared bucket, built with {@link SharedSchedule#configuration(int)} of {@code limit};
     *                      null while there is no connection to Redis yet
     * @param liveInstances the consumer group's members now, for the local share
     */
    public SharedTokens(String name, Supplier<AsyncBucketProxy> bucket, int limit, Clock clock,
                        SharedSchedule schedule, IntSupplier liveInstances, SharedRateStatus status) {
        this.name = name;
        this.bucket = bucket;
        this.limit = limit;
        this.clock = clock;
        this.schedule = schedule;
        this.liveInstances = liveInstances;
        this.status = status;
        this.sizing = BucketSizing.forLimit(limit);
        this.periodNanos = ONE_SECOND / sizing.refillPerSecond();
        this.minBatch = tokensIn(BATCH.toNanos());
        this.maxBatch = Math.max(minBatch, tokensIn(MAX_BATCH.toNanos()));
        int margin = limit - sizing.worstSecond();
        // Half the jitter margin for a late call: an eighth in hand, three to the wire; half for the network.
        this.late = Math.max(Duration.ofMillis(1).toNanos(), margin * periodNanos / 8);
    }

    private int tokensIn(long nanos) {
        return (int) Math.max(1, Math.round(sizing.refillPerSecond() * nanos / (double) ONE_SECOND));
    }

    /** Tokens the next reservation asks for: 20 ms of the rate, or two round trips' worth when Redis is slower. */
    int batch() {
        return Math.min(maxBatch, Math.max(minBatch, tokensIn(2 * roundTripNanos)));
    }

    @Override
    public long lateNanos() {
        return 3 * late;
    }

    @Override
    public void lateCall() {
        status.lateCall();
    }

    @Override
    public int refillPerSecond() {
        return sizing.refillPerSecond();
    }

    /** Whether Redis could not be reached at the last try, so the local share is in use. */
    public synchronized boolean onLocalShare() {
        return localShare != null;
    }

    @Override
    public synchronized long take(long horizonNanos) {
        long now = clock.nanoTime();
        if (requesting && now - requestedAtNanos > STUCK.toNanos()) {
            failed(now, new IllegalStateException("no answer from Redis in " + STUCK.toMillis() + " ms"));
        }
        dropLate(now);
        if (localShare != null) {
            if (now >= nextProbeNanos) {
                reserve(now);
            }
            if (localShare != null) {
                return takeLocal(now, horizonNanos);
            }
        }
        long lead = Math.max(LEAD.toNanos(), 2 * roundTripNanos);
        if (inHand.isEmpty() || inHand.peekLast() < now + horizonNanos + lead) {
            reserve(now);
        }
        Long first = inHand.peekFirst();
        if (first == null || first - now > horizonNanos) {
            return -1;
        }
        inHand.pollFirst();
        return Math.max(0, first - now);
    }

    @Override
    public synchronized long nextDueNanos() {
        long now = clock.nanoTime();
        dropLate(now);
        if (localShare != null) {
            return Math.min(localShare.nextDueNanos(), Math.max(now, nextProbeNanos));
        }
        Long first = inHand.peekFirst();
        return first != null ? Math.max(now, first) : requesting ? now + AWAIT_GRANT : now;
    }

    @Override
    public synchronized long nextTakeNanos(long horizonNanos) {
        if (localShare == null && inHand.isEmpty() && requesting) {
            // Nothing to take until Redis answers; the horizon must not pull the wake-up into a spin.
            return clock.nanoTime() + AWAIT_GRANT;
        }
        return nextDueNanos() - horizonNanos;
    }

    @Override
    public synchronized void charge(long tokens) {
        if (localShare != null) {
            localShare.charge(tokens);
        }
        owed += tokens;
    }

    /** The pause holds every instance back: it is paid into the shared bucket, and the tokens in hand are let go. */
    @Override
    public synchronized void paused(long nanos) {
        status.unused(inHand.size());
        inHand.clear();
        charge(nanos * sizing.refillPerSecond() / ONE_SECOND);
        if (localShare == null) {
            reserve(clock.nanoTime());
        }
    }

    private long takeLocal(long now, long horizonNanos) {
        int live = Math.max(1, liveInstances.getAsInt());
        if (live != localShareOf) {
            localShare = new LocalTokens(share(live), clock);
            localShareOf = live;
            status.shareChanged(name, share(live), live);
        }
        long wait = localShare.take(horizonNanos);
        if (wait >= 0) {
            localTakes.addLast(now + wait);
        }
        return wait;
    }

    private int share(int live) {
        return Math.max(2, limit / live);
    }

    private void reserve(long now) {
        if (requesting) {
            return;
        }
        while (!localTakes.isEmpty() && localTakes.peekFirst() < now - ONE_SECOND) {
            localTakes.pollFirst();
        }
        // Back from a local share: repay its last second, and a second of each member's that may still be on its own.
        long debt = owed + (localShare != null ? localTakes.size() + (localShareOf - 1L) * share(localShareOf) : 0);
        int size = batch();
        long asked = size + debt;
        requesting = true;
        requestedAtNanos = now;
        long requestedAt = now;
        AsyncBucketProxy shared = bucket.get();
        if (shared == null) {
            failed(now, new IllegalStateException("not connected to Redis"));
            return;
        }
        try {
            shared.asVerbose().consumeIgnoringRateLimits(asked).whenComplete((answer, error) -> {
                if (error != null) {
                    failedAnswer(requestedAt, error);
                } else {
                    granted(requestedAt, answer, debt, size);
                }
            });
        } catch (RuntimeException e) {
            failedAnswer(requestedAt, e);
        }
    }

    private synchronized void granted(long requestedAt, VerboseResult<Long> answer, long debtPaid, int size) {
        if (!requesting || requestedAt != requestedAtNanos) {
            return;
        }
        requesting = false;
        owed = Math.max(0, owed - debtPaid);
        if (localShare != null) {
            localShare = null;
            localShareOf = 0;
            localTakes.clear();
            status.recovered(name);
        }
        long now = clock.nanoTime();
        roundTripNanos = (3 * roundTripNanos + (now - requestedAt)) / 4;
        long last = schedule.lastDue(answer);
        for (int i = 0; i < size; i++) {
            long due = last - (long) (size - 1 - i) * periodNanos;
            if (due < now - late) {
                // Its moment passed while the answer was on its way: sent now, it would bunch with the next ones.
                status.unused(1);
                continue;
            }
            Long tail = inHand.peekLast();
            due = Math.max(now, due);
            inHand.addLast(tail == null ? due : Math.max(tail, due));
        }
    }

    private synchronized void failedAnswer(long requestedAt, Throwable error) {
        if (requesting && requestedAt == requestedAtNanos) {
            failed(clock.nanoTime(), error);
        }
    }

    private void failed(long now, Throwable error) {
        requesting = false;
        nextProbeNanos = now + PROBE.toNanos();
        if (localShare == null) {
            status.unused(inHand.size());
            inHand.clear();
            int live = Math.max(1, liveInstances.getAsInt());
            localShare = new LocalTokens(share(live), clock);
            localShareOf = live;
            localShare.charge(FALLBACK_QUIET.toNanos() * localShare.refillPerSecond() / ONE_SECOND);
            status.fellBack(name, share(live), live, error);
        }
    }

    private void dropLate(long now) {
        while (!inHand.isEmpty() && inHand.peekFirst() < now - late) {
            inHand.pollFirst();
            status.unused(1);
        }
    }
}
