package io.groupsync.model;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A consumed record as it arrived: kept whole until its outcome is committed, so that a dead letter can carry the
 * original key, value and headers untouched for replay.
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           Headers headers, long consumedAtMillis) {

    public SourceRecord {
        headers = new RecordHeaders(headers.toArray());
    }

    /** Approximate heap held by this record, for the memory bound. */
    public int approximateBytes() {
        int size = 96 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (var header : headers) {
            size += 48 + header.key().length() * 2 + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
