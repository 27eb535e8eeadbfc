package io.groupsync.worker;

import io.groupsync.record.CommitCycle;
import io.groupsync.record.OutcomeListener;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the pipeline reports about itself, for metrics, health and the demo's progress line: its rounds, commits,
 * partitions and outcomes, on the pipeline thread; the Kafka clients as they are made.
 */
public interface PipelineListener extends CommitCycle.Listener, OutcomeListener {

    PipelineListener NONE = new PipelineListener() {
    };

    default void consumed() {
    }

    default void paused(boolean paused) {
    }

    /**
     * The schema registry could not be asked (false: intake waits, or start-up waits to register the output
     * schemas), or answers again (true).
     */
    default void registryAvailable(boolean available) {
    }

    /** A round of the loop ended, holding this much pending work: what a stalled loop stops telling. */
    default void looped(int pendingKeys, int pendingRecords, long pendingBytes) {
    }

    @Override
    default void committed(Duration took) {
    }

    default void assigned(Collection<TopicPartition> partitions) {
    }

    default void revoked(Collection<TopicPartition> partitions) {
    }

    /** The consumer was made, for its own metrics (lag per partition among them). */
    default void consumerCreated(Consumer<?, ?> consumer) {
    }

    /** A producer was made; it replaces the one before, which was closed. */
    default void producerCreated(Producer<?, ?> producer) {
    }
}
