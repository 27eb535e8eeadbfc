package io.groupsync.model;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A consumed record as it arrived, kept until its outcome is committed, so that a dead letter can carry the original
 * key, value and headers untouched for replay. An accepted event's value may be let go once decoded
 * ({@link #withoutValue()}): its decoded fields are what coalescing holds, and a dead letter reads the value back
 * from the input topic, where it stays at its offset.
 *
 * @param releasedValueBytes the length of a value let go, then {@code value} is null; 0 while the value is here
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           Headers headers, long consumedAtMillis, int releasedValueBytes) {

    public SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                        Headers headers, long consumedAtMillis) {
        this(topic, partition, offset, timestamp, key, value, headers, consumedAtMillis, 0);
    }

    public SourceRecord {
        // Each value copied out as bytes: a header the consumer read is a view of the fetched batch, which it would
        // keep whole in the heap until the record is committed.
        RecordHeaders own = new RecordHeaders();
        headers.forEach(h -> own.add(new RecordHeader(h.key(), h.value())));
        headers = own;
    }

    /** The same record without its value, which is read back from the input topic if a dead letter needs it. */
    public SourceRecord withoutValue() {
        return value == null ? this : new SourceRecord(topic, partition, offset, timestamp, key, null, headers,
                consumedAtMillis, value.length);
    }

    /** Whether the value was let go and has to be read back from the input topic. */
    public boolean valueReleased() {
        return releasedValueBytes > 0;
    }

    /**
     * What a pending record costs beside its own bytes: its outcome's bookkeeping, its place in line and its share
     * of a merged patch. {@code scripts/bench footprint} measured 710 B live per pending record of a 75-byte event
     * (key and value twice included), so 560 B.
     */
    public static final int BOOKKEEPING_BYTES = 560;

    /**
     * What the worker holds for this record while it is pending, about: the record as it arrived (its value only
     * while not let go), what was decoded from its value (an event's strings take no more than their UTF-8 bytes in
     * Java's compact strings, and intake bounds every field), and {@link #BOOKKEEPING_BYTES}.
     * {@code LargeRecordsOutageProcessTest} prints the heap it measures against this count.
     */
    public long approximateBytes() {
        int decoded = value == null ? releasedValueBytes : value.length;
        long size = BOOKKEEPING_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + decoded;
        for (var header : headers) {
            size += 48 + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
