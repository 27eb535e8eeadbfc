package io.groupsync.intake;

import io.groupsync.config.PipelineConfig;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions are still reading a backlog, so that their keys wait before their first call: while a partition
 * lags, later edits of a key may be unread, and a call made now would be made again once they are read. Coalescing
 * over the whole backlog calls each key once; the drain takes no longer, since the limit, not the reading, sets its
 * pace, and the vendor's quota is spent once per key.
 *
 * <p>Lagging partitions are read one at a time, the one nearest its end first ({@link #deferred()}): read side by
 * side they would all catch up, and release their keys, only when the whole backlog has been read, and the limit
 * would idle until then; one at a time, the first partition's keys start calling after a fraction of that, and the
 * rest are read while they do.
 *
 * <p>A partition holds its keys for at most {@code maxHold} from when it was first seen lagging; one that lags for
 * longer (a producer faster than the worker) is then let go until it has caught up once, and is read beside the
 * others again. Nothing is held while intake is paused at the pending caps, when holding would keep the caps from
 * ever draining. Owned by the pipeline thread, which updates it after each poll and reads it when it pumps the
 * dispatchers.
 */
public final class Backlog {

    private final Clock clock;
    private final long maxHoldNanos;
    /** A partition reading a backlog: since when, and its lag when last seen. */
    private record Lagging(long sinceNanos, long lag) {
    }

    private final Map<TopicPartition, Lagging> lagging = new HashMap<>();
    /** The lagging partition being read while the other lagging ones wait; null when none is. */
    private TopicPartition reading;
    private boolean intakePaused;

    /** Holds keys for at most the config's {@code backlogHold}; zero never holds. */
    public Backlog(PipelineConfig config, Clock clock) {
        this(config.backlogHold(), clock);
    }

    private Backlog(Duration maxHold, Clock clock) {
        this.maxHoldNanos = maxHold.toNanos();
        this.clock = clock;
    }

    /** A backlog that never holds anything back. */
    public static Backlog none(Clock clock) {
        return new Backlog(Duration.ZERO, clock);
    }

    /** The consumer's latest idea of a partition's lag; empty when it has none yet (nothing fetched). */
    public void observe(TopicPartition partition, OptionalLong lag) {
        Lagging before = lagging.get(partition);
        long threshold = before == null ? PipelineConfig.CAUGHT_UP_LAG : 0;
        if (lag.isPresent() && lag.getAsLong() > threshold) {
            lagging.put(partition, new Lagging(before == null ? clock.nanoTime() : before.sinceNanos(),
                    lag.getAsLong()));
        } else {
            lagging.remove(partition);
        }
    }

    /**
     * The lagging partitions not to read for now: all those still holding their keys but one, which is read until
     * it catches up. Empty when fewer than two lag, when intake is paused at the caps, or when nothing is held.
     */
    public Set<TopicPartition> deferred() {
        Set<TopicPartition> holding = new HashSet<>();
        lagging.keySet().forEach(p -> {
            if (holds(p)) {
                holding.add(p);
            }
        });
        if (holding.size() < 2) {
            reading = null;
            return Set.of();
        }
        if (reading == null || !holding.contains(reading)) {
            reading = holding.stream().min(Comparator.comparingLong((TopicPartition p) -> lagging.get(p).lag())
                    .thenComparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).orElseThrow();
        }
        holding.remove(reading);
        return holding;
    }

    public void intakePaused(boolean paused) {
        intakePaused = paused;
    }

    public void forget(Collection<TopicPartition> partitions) {
        lagging.keySet().removeAll(partitions);
        // The consumer hands a revocation a sorted set, whose contains(null) throws.
        if (reading != null && partitions.contains(reading)) {
            reading = null;
        }
    }

    /** Whether keys of this partition should not start a call yet. */
    public boolean holds(TopicPartition partition) {
        if (intakePaused || maxHoldNanos == 0) {
            return false;
        }
        Lagging since = lagging.get(partition);
        return since != null && clock.nanoTime() - since.sinceNanos() < maxHoldNanos;
    }
}
