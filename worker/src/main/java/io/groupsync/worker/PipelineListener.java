package io.groupsync.worker;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** What the pipeline reports about itself, for metrics, health and the demo's progress line. */
public interface PipelineListener {

    PipelineListener NONE = new PipelineListener() {
    };

    default void consumed() {
    }

    default void paused(boolean paused) {
    }

    default void committed() {
    }

    default void assigned(Collection<TopicPartition> partitions) {
    }

    default void revoked(Collection<TopicPartition> partitions) {
    }
}
