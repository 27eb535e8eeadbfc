package io.groupsync.dispatch;

import io.groupsync.time.Clock;
import java.time.Duration;

/**
 * The rate limit of one vendor API on one route: tokens from a {@link TokenSource} (a bucket of this process, or the
 * bucket the fleet shares), plus the two ways a vendor's throttling answer slows it down: a pause until its
 * Retry-After has passed (or a short default), and, if throttling comes back soon after a pause, a {@link Slowdown}
 * that halves the rate and lets it climb back gradually.
 *
 * <p>The first answer only pauses because the bucket already keeps under the limit: a vendor that still says "too
 * many" most likely counted a few calls that arrived bunched, and a short pause empties its window of them. Halving
 * for seconds on every such answer cost more of the limit than the answer itself (a 1 s pause and 2 s at half
 * rate: 1.5 s of the limit for one call). Throttling again right after a pause means the vendor's limit is below
 * ours, and then halving is the answer. On a shared source both reach the whole fleet: the pause and the rate given
 * up are paid into the shared bucket.
 *
 * <p>Tokens can be reserved a little ahead: the call then goes out at the moment its token falls due, from a timer,
 * so a pipeline loop busy elsewhere (a commit, a burst of intake) never lets tokens overflow a bucket that holds
 * only a couple. Sending each call when its token falls due is the schedule a greedy bucket admits, so the
 * sliding-window bound is the same. Owned by the pipeline thread; {@link #isPaused()} is read by the timer, and
 * {@link #awaitToken()} and {@link #awaitSend()} run on OkHttp's threads (the token source is thread-safe).
 */
public final class ApiLimiter {

    /** A throttling answer this soon after the end of the last pause is a repeat, which halves the rate. */
    static final Duration REPEAT_WINDOW = Duration.ofSeconds(2);
    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();
    /**
     * Pause after a throttling answer that named no Retry-After: a quarter of a sliding second leaves room in the
     * vendor's window for about a quarter of the limit, far more than jitter bunches.
     */
    static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofMillis(250);

    private final String api;
    private final int limit;
    private final TokenSource tokens;
    private final Clock clock;
    private final Slowdown slowdown = new Slowdown();
    /** The last {@code worstSecond} send times, oldest first: the exact sliding window of what really left. */
    private final long[] sends;
    private int sendsHead;
    private int sendsCount;
    private volatile long pausedUntilNanos;
    /** When the last pause began, and when it ended or ends; Long.MIN_VALUE before the first throttling answer. */
    private long lastPauseStartNanos = Long.MIN_VALUE;
    private long lastPauseEndNanos = Long.MIN_VALUE;
    /** Written on the pipeline thread only, read by the metrics thread. */
    private volatile long throttles;

    /** A limiter on a bucket of this process alone. */
    public ApiLimiter(String api, int limitPerSecond, Clock clock) {
        this(api, limitPerSecond, new LocalTokens(limitPerSecond, clock), clock);
    }

    /** @param tokens where the tokens come from, sized for {@code limitPerSecond} */
    public ApiLimiter(String api, int limitPerSecond, TokenSource tokens, Clock clock) {
        this.api = api;
        this.limit = limitPerSecond;
        this.clock = clock;
        this.tokens = tokens;
        this.sends = new long[BucketSizing.forLimit(limitPerSecond).worstSecond()];
    }

    public String api() {
        return api;
    }

    public int limit() {
        return limit;
    }

    public long throttles() {
        return throttles;
    }

    /**
     * Reserves the token(s) for one call if they fall due within {@code horizonNanos}.
     *
     * @return how long until the call may go (0: now), or -1 if nothing was reserved
     */
    public long reserve(long horizonNanos) {
        long now = clock.nanoTime();
        if (now < pausedUntilNanos) {
            return -1;
        }
        tokens.charge(slowdown.owed(now, tokens.refillPerSecond()));
        return tokens.take(horizonNanos);
    }

    /**
     * The last word before a request is written, on the OkHttp thread that writes it (see {@link
     * io.groupsync.imapi.WireGate}): returns once fewer than the bucket's worst second went in the last second,
     * and counts it. The bucket already paces calls to that bound; this catches what pacing cannot, requests
     * handed over on time but written late and together (a timer or a thread scheduled late under load).
     */
    public void awaitSend() throws InterruptedException {
        for (long hold = admitSend(); hold > 0; hold = admitSend()) {
            clock.sleep(hold);
        }
    }

    /**
     * Whether its tokens are slots in a schedule the fleet shares ({@link TokenSource#lateNanos} is finite): a call
     * must leave on its slot, so it is handed over ahead and held at the wire until then.
     */
    public boolean keepsSlots() {
        return tokens.lateNanos() != Long.MAX_VALUE;
    }

    /**
     * Whether a call whose token fell due at {@code dueNanos} is written too late to go on it (see {@link
     * TokenSource#lateNanos}), and tells the source so; then it takes a fresh token with {@link #awaitToken} first.
     */
    public boolean tooLateFor(long dueNanos) {
        boolean late = clock.nanoTime() - dueNanos > tokens.lateNanos();
        if (late) {
            tokens.lateCall();
        }
        return late;
    }

    /**
     * Takes a token for a request the dispatcher did not reserve one for (see {@link
     * io.groupsync.imapi.WireGate#unplanned}), waiting until the bucket has one; on an OkHttp thread.
     */
    public void awaitToken() throws InterruptedException {
        for (long wait = tokens.take(0); wait < 0; wait = tokens.take(0)) {
            clock.sleep(Math.max(1, tokens.nextDueNanos() - clock.nanoTime()));
        }
    }

    /**
     * Records a send if fewer than the bucket's worst second went in the last second, else says how long to hold it.
     *
     * @return 0 if the request may go now (and it is counted), else the nanoseconds to hold it
     */
    synchronized long admitSend() {
        long now = clock.nanoTime();
        if (sendsCount == sends.length) {
            long oldest = sends[sendsHead];
            if (now - oldest < ONE_SECOND) {
                return oldest + ONE_SECOND - now;
            }
            sendsHead = (sendsHead + 1) % sends.length;
            sendsCount--;
        }
        sends[(sendsHead + sendsCount) % sends.length] = now;
        sendsCount++;
        return 0;
    }

    /** How many requests were written in the sliding second ending now, by the same log {@link #awaitSend} keeps. */
    public synchronized int sentInLastSecond() {
        long now = clock.nanoTime();
        int inWindow = 0;
        while (inWindow < sendsCount
                && now - sends[(sendsHead + sendsCount - 1 - inWindow) % sends.length] < ONE_SECOND) {
            inWindow++;
        }
        return inWindow;
    }

    /** When {@link #reserve} could next succeed with this horizon: at the end of a pause, or a horizon early. */
    public long nextReservationNanos(long horizonNanos) {
        long now = clock.nanoTime();
        if (now < pausedUntilNanos) {
            return pausedUntilNanos;
        }
        return Math.max(now, tokens.nextTakeNanos(horizonNanos));
    }

    /** Whether a throttling answer has paused this API; read by the timer before it sends a reserved call. */
    public boolean isPaused() {
        return clock.nanoTime() < pausedUntilNanos;
    }

    /** When a call could next be admitted, on the clock's nanosecond scale. */
    public long nextAdmissionNanos() {
        long now = clock.nanoTime();
        if (now < pausedUntilNanos) {
            return pausedUntilNanos;
        }
        return tokens.nextDueNanos();
    }

    /**
     * The vendor said "too many" to a call handed over at {@code sentNanos}: stop until its Retry-After (or a default
     * pause). An answer to a call sent before the last pause began is the same incident, however late the loop gets
     * to it, and changes nothing more: judged by when it was acted on, the answers of one bunch that a busy loop
     * read after the pause had ended would count as repeats and halve the rate for seconds (the likely cause of a
     * drain benchmark at half rate after 7 answers). A call sent after a pause ended and throttled within {@link #REPEAT_WINDOW} of its end is a
     * repeat, which also halves the rate, climbing back from the new pause's end (see {@link Slowdown}).
     */
    public void throttled(Duration retryAfter, long sentNanos) {
        long now = clock.nanoTime();
        throttles++;
        if (sentNanos < lastPauseStartNanos) {
            return;
        }
        Duration pause = retryAfter == null || retryAfter.isNegative() ? DEFAULT_THROTTLE_PAUSE : retryAfter;
        boolean repeat = lastPauseEndNanos != Long.MIN_VALUE && sentNanos >= lastPauseEndNanos
                && now - lastPauseEndNanos < REPEAT_WINDOW.toNanos();
        if (now >= pausedUntilNanos) {
            lastPauseStartNanos = now;
        }
        long pausedBefore = Math.max(now, pausedUntilNanos);
        pausedUntilNanos = Math.max(pausedUntilNanos, now + pause.toNanos());
        lastPauseEndNanos = pausedUntilNanos;
        tokens.paused(pausedUntilNanos - pausedBefore);
        if (repeat) {
            slowdown.cut(now, pausedUntilNanos);
        }
    }
}
