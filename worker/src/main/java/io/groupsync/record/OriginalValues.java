package io.groupsync.record;

import io.groupsync.model.SourceRecord;

/**
 * Reads a record's value back from the input topic, for the dead letter of an event whose value was let go once
 * decoded ({@link SourceRecord#withoutValue()}). Called on the producer's thread only.
 */
@FunctionalInterface
public interface OriginalValues {

    /**
     * @return the value at the record's offset, or null if the topic no longer has that offset (retention)
     * @throws org.apache.kafka.common.KafkaException if it cannot be read now: the transaction it was for is then
     *                                                aborted and redone from the last commit, which reads the
     *                                                record again
     */
    byte[] read(SourceRecord source);
}
