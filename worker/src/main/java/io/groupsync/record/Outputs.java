package io.groupsync.record;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.SyncResult;
import io.groupsync.model.SourceRecord;
import io.groupsync.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns outcomes into the records written to the result and dead-letter topics. */
final class Outputs {

    private final String resultTopic;
    private final String deadLetterTopic;
    private final String consumerGroup;
    private final AvroCodec<SyncResult> results = AvroCodec.syncResult();
    private final AvroCodec<DeadLetter> deadLetters = AvroCodec.deadLetter();

    Outputs(String resultTopic, String deadLetterTopic, String consumerGroup) {
        this.resultTopic = resultTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.consumerGroup = consumerGroup;
    }

    /** A result, keyed by group id like the events, so one group's results keep their order too. */
    ProducerRecord<byte[], byte[]> result(SyncResult result) {
        return new ProducerRecord<>(resultTopic, null, result.getGroupId().getBytes(StandardCharsets.UTF_8),
                results.encode(result));
    }

    /** The original record untouched, plus headers that say where it came from and why it failed. */
    ProducerRecord<byte[], byte[]> deadLetter(SourceRecord source, DeadLetter detail, String exceptionClass) {
        Headers headers = new RecordHeaders(source.headers().toArray());
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
        headers.add(DeadLetterHeaders.DETAIL, deadLetters.encode(detail));
        return new ProducerRecord<>(deadLetterTopic, null, source.key(), source.value(), headers);
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
