package io.groupsync.worker;

import io.groupsync.intake.Backlog;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions the consumer reads: none while pending work is at its caps (until it has drained below the
 * resume marks), otherwise all but the lagging ones the backlog reads later. Owned by the pipeline thread.
 */
final class IntakeValve {

    private static final Logger log = LoggerFactory.getLogger(IntakeValve.class);

    private final Consumer<byte[], byte[]> consumer;
    private final PipelineSettings settings;
    private final Backlog backlog;
    private final PipelineListener listener;
    private boolean paused;

    IntakeValve(Consumer<byte[], byte[]> consumer, PipelineSettings settings, Backlog backlog,
                PipelineListener listener) {
        this.consumer = consumer;
        this.settings = settings;
        this.backlog = backlog;
        this.listener = listener;
    }

    /** After each round of intake and dispatch, with the work now pending. */
    void update(int keys, int records) {
        if (!paused && (keys >= settings.maxPendingKeys() || records >= settings.maxPendingRecords())) {
            log.info("intake paused: {} keys, {} records pending (pipeline.max-pending-keys {}, "
                    + "pipeline.max-pending-records {})", keys, records, settings.maxPendingKeys(),
                    settings.maxPendingRecords());
            setPaused(true);
        } else if (paused && keys <= settings.resumePendingKeys()
                && records <= settings.maxPendingRecords() * 4L / 5) {
            log.info("intake resumed: {} keys, {} records pending", keys, records);
            setPaused(false);
        }
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> unread = new HashSet<>(paused ? assignment : backlog.deferred());
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
    void assigned(Collection<TopicPartition> partitions) {
        if (paused) {
            consumer.pause(partitions);
        }
    }

    private void setPaused(boolean paused) {
        this.paused = paused;
        backlog.intakePaused(paused);
        listener.paused(paused);
    }
}
