package io.groupsync.intake;

import io.groupsync.config.PipelineConfig;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions the consumer reads: none while pending work is at one of its caps, in keys, records or bytes
 * (until it has drained below the resume marks), otherwise all but the lagging ones the backlog reads later and those
 * waiting for the schema registry ({@link RegistryWait}). Owned by the pipeline thread.
 */
public final class IntakeValve {

    /** Told when intake pauses at the caps and when it resumes. */
    @FunctionalInterface
    public interface PauseListener {
        void paused(boolean paused);
    }

    private static final Logger log = LoggerFactory.getLogger(IntakeValve.class);

    private final Consumer<byte[], byte[]> consumer;
    private final PipelineConfig config;
    private final Backlog backlog;
    private final PauseListener listener;
    private final RegistryWait registry;
    private boolean paused;

    /** With no registry to wait for. */
    public IntakeValve(Consumer<byte[], byte[]> consumer, PipelineConfig config, Backlog backlog,
                       PauseListener listener) {
        this(consumer, config, backlog, listener, new RegistryWait(Duration.ZERO, Clock.system()));
    }

    public IntakeValve(Consumer<byte[], byte[]> consumer, PipelineConfig config, Backlog backlog,
                       PauseListener listener, RegistryWait registry) {
        this.consumer = consumer;
        this.config = config;
        this.backlog = backlog;
        this.listener = listener;
        this.registry = registry;
    }

    /** After each poll: tells the backlog the lag of every assigned partition. */
    public void observeLag() {
        // Every assigned partition, not only those that returned records: one that has caught up returns none.
        consumer.assignment().forEach(p -> backlog.observe(p, consumer.currentLag(p)));
    }

    /** After each round of intake and dispatch, with the work now pending. */
    public void update(int keys, int records, long bytes) {
        if (!paused && (keys >= config.maxPendingKeys() || records >= config.maxPendingRecords()
                || bytes >= config.maxPendingBytes())) {
            log.info("intake paused: {} keys, {} records, {} bytes pending (pipeline.max-pending-keys {}, "
                    + "pipeline.max-pending-records {}, pipeline.max-pending-bytes {})", keys, records, bytes,
                    config.maxPendingKeys(), config.maxPendingRecords(), config.maxPendingBytes());
            setPaused(true);
        } else if (paused && keys <= config.resumePendingKeys()
                && records <= config.maxPendingRecords() * 4L / 5 && bytes <= config.maxPendingBytes() / 5 * 4) {
            log.info("intake resumed: {} keys, {} records, {} bytes pending", keys, records, bytes);
            setPaused(false);
        }
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> unread = new HashSet<>(paused ? assignment : backlog.deferred());
        unread.addAll(registry.held());
        unread.retainAll(assignment);
        Set<TopicPartition> pausedNow = consumer.paused();
        Set<TopicPartition> resume = new HashSet<>(pausedNow);
        resume.removeAll(unread);
        unread.removeAll(pausedNow);
        if (!unread.isEmpty()) {
            consumer.pause(unread);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /** Newly assigned partitions start paused while intake is. */
    public void assigned(Collection<TopicPartition> partitions) {
        if (paused) {
            consumer.pause(partitions);
        }
    }

    /** Partitions gone or rewound: what the backlog knew of them no longer holds. */
    public void forget(Collection<TopicPartition> partitions) {
        backlog.forget(partitions);
        registry.forget(partitions);
    }

    private void setPaused(boolean paused) {
        this.paused = paused;
        backlog.intakePaused(paused);
        listener.paused(paused);
    }
}
