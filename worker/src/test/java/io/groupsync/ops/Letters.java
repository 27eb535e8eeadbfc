package io.groupsync.ops;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead-letter records shaped as the worker writes them (see record.Outputs), for the unit tests of replay. */
final class Letters {

    static final String INPUT = "changes";
    static final String DLT = "changes.dlt";

    private Letters() {
    }

    /** A rename of {@code groupId} read at {@code changes-1@offset} that failed on {@code route}. */
    static RecordHeaders headers(String route, String reason, long offset) {
        return headers(INPUT, route, reason, offset);
    }

    static RecordHeaders headers(String input, String route, String reason, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("t-1"));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(input));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(1).array());
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, utf8(reason + ": it failed"));
        if (route != null) {
            headers.add(DeadLetterHeaders.ROUTE, utf8(route));
        }
        headers.add(DeadLetterHeaders.EVENT_ID, utf8("e-" + offset));
        return headers;
    }

    static ConsumerRecord<byte[], byte[]> letter(long dltOffset, RecordHeaders headers) {
        byte[] value = AvroCodec.groupChange().encode(GroupChange.newBuilder().setEventId("e").setGroupId("g1")
                .setOccurredAt(Instant.ofEpochMilli(1_000)).setPatch(GroupProfilePatch.newBuilder().setName("n")
                        .build()).build());
        return new ConsumerRecord<>(DLT, 0, dltOffset, 5_000L + dltOffset, TimestampType.CREATE_TIME, 2, value.length,
                utf8("g1"), value, headers, Optional.empty());
    }

    /** The same as a replay that failed again: its replay headers kept, new dead-letter headers of its own. */
    static RecordHeaders failedReplay(String route, long replayOffset, int count, long firstOffset) {
        RecordHeaders headers = headers(route, "VENDOR_PERMANENT", replayOffset);
        headers.add(ReplayHeaders.DEAD_LETTER, utf8(DLT + "-0@3"));
        headers.add(ReplayHeaders.COUNT, utf8(Integer.toString(count)));
        headers.add(ReplayHeaders.ROUTES, utf8(route));
        headers.add(ReplayHeaders.ORIGINAL_TOPIC, utf8(INPUT));
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, utf8("1"));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, utf8(Long.toString(firstOffset)));
        return headers;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
