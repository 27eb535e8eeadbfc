package io.groupsync.record;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record for the result or dead-letter topic, built when it is sent: results are built and encoded on the
 * transaction's own thread ({@link TransactionalOutput}), not on the pipeline thread, whose time is intake's.
 */
@FunctionalInterface
public interface OutputRecord {

    ProducerRecord<byte[], byte[]> build();

    /** One already built (a dead letter, which has to be measured against max.request.size when it is made). */
    static OutputRecord of(ProducerRecord<byte[], byte[]> record) {
        return () -> record;
    }
}
