package io.groupsync.record;

import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFate;
import io.groupsync.model.SourceRecord;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.versions.VersionKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns outcomes into the records written to the result and dead-letter topics. */
final class Outputs {

    /**
     * What a record costs beyond its key, value and headers in Kafka's format, at most: the batch header (61 bytes)
     * and the record's own varints (36); each header adds two length varints (10). The producer refuses a record
     * whose upper bound is over max.request.size.
     */
    private static final int RECORD_OVERHEAD = 61 + 36;
    private static final int HEADER_OVERHEAD = 10;

    private final String resultTopic;
    private final String deadLetterTopic;
    private final String versionsTopic;
    private final String consumerGroup;
    private final int maxRecordBytes;
    private final OriginalValues originals;
    private final OutputFormats formats;

    /**
     * @param maxRecordBytes the producer's max.request.size: a larger record would fail the whole transaction
     * @param originals      where the values let go at intake are read back from
     * @param formats        how results and dead-letter metadata are framed
     */
    Outputs(String resultTopic, String deadLetterTopic, String versionsTopic, String consumerGroup,
            int maxRecordBytes, OriginalValues originals, OutputFormats formats) {
        this.originals = originals;
        this.formats = formats;
        this.resultTopic = resultTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.versionsTopic = versionsTopic;
        this.consumerGroup = consumerGroup;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A result, keyed by group id like the events, so one group's results keep their order too. */
    ProducerRecord<byte[], byte[]> result(SyncResult result) {
        return new ProducerRecord<>(resultTopic, null, result.getGroupId().getBytes(StandardCharsets.UTF_8),
                formats.results().apply(result));
    }

    /**
     * A result built and encoded when it is sent; what it is built from is not changed after, so any thread may. A
     * rejected or failed one points at the dead-letter topic.
     */
    OutputRecord result(Results.Subject subject, SyncStatus status, DispatchInfo dispatch, String message,
                        Map<Field, FieldFate> fates, long nowMillis) {
        String deadLetter = status == SyncStatus.REJECTED || status == SyncStatus.FAILED ? deadLetterTopic : null;
        return () -> result(Results.of(subject, status, dispatch, message, fates, deadLetter, nowMillis));
    }

    /**
     * A version applied, to the versions topic's partition of the same number as the input partition it was read
     * from: a partition's versions move with it, and are restored from one place.
     */
    OutputRecord version(int partition, String key, AppliedVersions.Entry entry) {
        return () -> new ProducerRecord<>(versionsTopic, partition, VersionKeys.bytes(key), VersionKeys.value(entry));
    }

    /**
     * The original record untouched but for its own dead-letter headers, moved aside so that none is read as this
     * dead letter's ({@link DeadLetterHeaders#kept}), plus headers that say where it came from and why it failed.
     * One the producer would refuse as too large goes without the original value (then also without its key and
     * headers, if still too large), with a header saying what is left out: the original stays at its offset in the
     * input topic.
     */
    ProducerRecord<byte[], byte[]> deadLetter(SourceRecord source, DeadLetter detail, String exceptionClass) {
        Header[] originalHeaders = keptAside(source.headers().toArray());
        byte[] original = source.valueReleased() ? originals.read(source) : source.value();
        if (source.valueReleased() && original == null) {
            String value = "value (" + source.releasedValueBytes() + " bytes)";
            return deadLetter(source, source.key(), null, originalHeaders,
                    omitted(detail, value, "as the input topic no longer has its offset"), exceptionClass, value);
        }
        ProducerRecord<byte[], byte[]> whole = deadLetter(source, source.key(), original, originalHeaders,
                detail, exceptionClass, null);
        if (fits(whole)) {
            return whole;
        }
        String value = "value (" + length(original) + " bytes)";
        ProducerRecord<byte[], byte[]> slim = deadLetter(source, source.key(), null, originalHeaders,
                omitted(detail, value, tooLarge()), exceptionClass, value);
        if (fits(slim)) {
            return slim;
        }
        String all = "key, value and headers (" + (length(source.key()) + length(original)
                + headerBytes(source.headers().toArray())) + " bytes)";
        return deadLetter(source, null, null, new Header[0], omitted(detail, all, tooLarge()), exceptionClass, all);
    }

    /**
     * A dead letter built when it is sent, on the producer's thread: one whose value was let go reads it back from
     * the input topic then, off the pipeline thread.
     */
    OutputRecord deadLetterRecord(SourceRecord source, DeadLetter detail, String exceptionClass) {
        return source.valueReleased() ? () -> deadLetter(source, detail, exceptionClass)
                : OutputRecord.of(deadLetter(source, detail, exceptionClass));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(SourceRecord source, byte[] key, byte[] value, Header[] original,
                                                      DeadLetter detail, String exceptionClass, String omitted) {
        Headers headers = new RecordHeaders(original);
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(source.topic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(source.partition()).array());
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(source.offset()).array());
        headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(source.timestamp()).array());
        headers.add(DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(DeadLetterHeaders.EXCEPTION_FQCN, utf8(exceptionClass));
        headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, utf8(detail.getMessage()));
        headers.add(DeadLetterHeaders.REASON, utf8(detail.getReason().name()));
        addIfPresent(headers, DeadLetterHeaders.ROUTE, detail.getRoute());
        addIfPresent(headers, DeadLetterHeaders.EVENT_ID, detail.getEventId());
        addIfPresent(headers, DeadLetterHeaders.VENDOR_CODE, detail.getVendorCode());
        addIfPresent(headers, DeadLetterHeaders.HTTP_STATUS, detail.getHttpStatus());
        addIfPresent(headers, DeadLetterHeaders.FAILED_REQUEST, detail.getFailedRequest());
        addIfPresent(headers, DeadLetterHeaders.ORIGINAL_OMITTED, omitted);
        headers.add(DeadLetterHeaders.DETAIL, formats.deadLetters().apply(detail));
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    private static Header[] keptAside(Header[] headers) {
        Header[] kept = headers.clone();
        for (int i = 0; i < kept.length; i++) {
            if (DeadLetterHeaders.isDeadLetterHeader(kept[i].key())) {
                kept[i] = new RecordHeader(DeadLetterHeaders.kept(kept[i].key()), kept[i].value());
            }
        }
        return kept;
    }

    private DeadLetter omitted(DeadLetter detail, String omitted, String why) {
        return DeadLetter.newBuilder(detail)
                .setMessage(detail.getMessage() + "; left out of this dead letter: the original " + omitted + ", "
                        + why)
                .setFailedRequest(detail.getFailedRequest() == null ? null : Results.capped(detail.getFailedRequest()))
                .build();
    }

    private String tooLarge() {
        return "as the whole would exceed max.request.size " + maxRecordBytes;
    }

    private boolean fits(ProducerRecord<byte[], byte[]> record) {
        return RECORD_OVERHEAD + length(record.key()) + length(record.value())
                + headerBytes(record.headers().toArray()) <= maxRecordBytes;
    }

    private static int headerBytes(Header[] headers) {
        int bytes = 0;
        for (Header header : headers) {
            bytes += HEADER_OVERHEAD + utf8(header.key()).length + length(header.value());
        }
        return bytes;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void addIfPresent(Headers headers, String name, Object value) {
        if (value != null) {
            headers.add(name, utf8(value.toString()));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
