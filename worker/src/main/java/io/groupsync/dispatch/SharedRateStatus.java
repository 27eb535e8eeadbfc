package io.groupsync.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shared buckets are on a local share because Redis could not be reached: read by the readiness probe and the
 * metrics, told by every {@link SharedTokens} of the worker. Each change is logged once, with the share taken.
 */
public final class SharedRateStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRateStatus.class);

    private final Set<String> onLocalShare = ConcurrentHashMap.newKeySet();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong unusedTokens = new AtomicLong();
    private final AtomicLong lateCalls = new AtomicLong();

    void fellBack(String bucket, int share, int liveInstances, Throwable error) {
        if (onLocalShare.add(bucket)) {
            Throwable why = error;
            while (why.getCause() != null && why.getCause() != why) {
                why = why.getCause();
            }
            fallbacks.incrementAndGet();
            LOG.warn("rate limit {}: Redis unreachable ({}), falling back to a local share of {}/s (the limit ÷ {} live "
                    + "instances)", bucket, why, share, liveInstances);
        }
    }

    void shareChanged(String bucket, int share, int liveInstances) {
        LOG.info("rate limit {}: local share now {}/s ({} live instances)", bucket, share, liveInstances);
    }

    void recovered(String bucket) {
        if (onLocalShare.remove(bucket)) {
            LOG.info("rate limit {}: Redis reachable again, back on the shared bucket", bucket);
        }
    }

    /** Whether any bucket runs on a local share now. */
    public boolean onLocalShare() {
        return !onLocalShare.isEmpty();
    }

    void unused(long tokens) {
        unusedTokens.addAndGet(tokens);
    }

    /**
     * Shared tokens this instance reserved and let pass unused since start: slots of the fleet's schedule that no
     * instance can use any more. Many of them mean instances reserve ahead of calls they then do not have.
     */
    public long unusedTokens() {
        return unusedTokens.get();
    }

    void lateCall() {
        lateCalls.incrementAndGet();
    }

    /** Calls written too late for their slot in the shared schedule since start, each of which took a fresh token. */
    public long lateCalls() {
        return lateCalls.get();
    }

    /** How many times a bucket fell back to a local share since start. */
    public long fallbacks() {
        return fallbacks.get();
    }
}
