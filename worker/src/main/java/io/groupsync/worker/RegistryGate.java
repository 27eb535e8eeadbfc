package io.groupsync.worker;

import io.groupsync.intake.Decoded;
import io.groupsync.intake.RegistryWait;
import io.groupsync.schemas.RegistryCodec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake's side of a schema registry that cannot be asked: the partition waits at the record that needs it, read
 * again once the wait is over, and the outage is logged and told once, as is its end. Owned by the pipeline thread.
 */
final class RegistryGate {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Consumer<byte[], byte[]> consumer;
    private final RegistryWait wait;
    private final PipelineListener listener;
    /** Since a record found the registry unreachable, until one in its framing is decoded again. */
    private boolean down;

    RegistryGate(Consumer<byte[], byte[]> consumer, RegistryWait wait, PipelineListener listener) {
        this.consumer = consumer;
        this.wait = wait;
        this.listener = listener;
    }

    /** Whether the partition's records wait: after one that waits, they are read again, in order, later. */
    boolean holds(TopicPartition partition) {
        return wait.holds(partition);
    }

    /**
     * Whether the decoded record must wait for the registry (then the partition is rewound to it and held); else
     * notes that the registry answers again if the record was in its framing.
     */
    boolean waits(Decoded decoded, TopicPartition partition, long offset, byte[] value) {
        if (decoded instanceof Decoded.Waiting waiting) {
            consumer.seek(partition, offset);
            wait.hold(partition);
            if (!down) {
                down = true;
                listener.registryAvailable(false);
                log.warn("the schema registry cannot be asked; partitions wait at the record that needs it, first "
                        + "{} at offset {}: {}", partition, offset, waiting.reason());
            }
            return true;
        }
        if (down && RegistryCodec.isFramed(value)) {
            down = false;
            listener.registryAvailable(true);
            log.info("the schema registry answers again");
        }
        return false;
    }
}
