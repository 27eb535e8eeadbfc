package io.groupsync.model;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A consumed record as it arrived: kept whole until its outcome is committed, so that a dead letter can carry the
 * original key, value and headers untouched for replay.
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           Headers headers, long consumedAtMillis) {

    public SourceRecord {
        // Each value copied out as bytes: a header the consumer read is a view of the fetched batch, which it would
        // keep whole in the heap until the record is committed.
        RecordHeaders own = new RecordHeaders();
        headers.forEach(h -> own.add(new RecordHeader(h.key(), h.value())));
        headers = own;
    }

    /**
     * What the worker holds for this record while it is pending, about: the record as it arrived, kept for a dead
     * letter, and what was decoded from its value (an event's strings take no more than their UTF-8 bytes in Java's
     * compact strings, and intake bounds its custom-data keys), beside the 1.1 KB of bookkeeping every pending
     * record costs ({@code config.PendingCaps}). {@code LargeRecordsOutageProcessTest} prints the heap it measures
     * against this count.
     */
    public long approximateBytes() {
        long size = 1_100 + (key == null ? 0 : key.length) + 2L * (value == null ? 0 : value.length);
        for (var header : headers) {
            size += 48 + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
