package io.groupsync.ops;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.GroupChange;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One record of the dead-letter topic as replay reads it: where it is, why it failed (its headers, and the
 * {@code DeadLetter} detail for the vendor), what the event was (its value decoded, when it decodes), and how often
 * it has been replayed already.
 *
 * @param originalTopic     where the edit was first published: the replay history's, else the dead letter's own
 * @param originalPartition likewise, -1 if unknown
 * @param originalOffset    likewise, -1 if unknown
 * @param detail            the {@code groupsync_dlt-detail} header decoded, or null
 * @param event             the original value decoded, or null when it does not decode (or was left out)
 * @param replays           how many times the record was replayed before it failed this time
 */
record Letter(ConsumerRecord<byte[], byte[]> record, String reason, String route, String vendorCode,
              String httpStatus, String eventId, String originalTopic, int originalPartition, long originalOffset,
              String failedTopic, DeadLetter detail, GroupChange event, int replays) {

    static Letter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        DeadLetter detail = null;
        Header detailHeader = headers.lastHeader(DeadLetterHeaders.DETAIL);
        if (detailHeader != null) {
            try {
                detail = AvroCodec.deadLetter().decode(detailHeader.value());
            } catch (DecodeException e) {
                // The headers say the same in text; the detail adds only the vendor.
            }
        }
        GroupChange event = null;
        if (record.value() != null) {
            try {
                event = AvroCodec.groupChange().decode(record.value());
            } catch (DecodeException e) {
                // An undecodable record is still a dead letter to count, park or show.
            }
        }
        String failedTopic = text(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
        String originalTopic = text(headers, ReplayHeaders.ORIGINAL_TOPIC);
        int originalPartition;
        long originalOffset;
        if (originalTopic != null) {
            originalPartition = parseInt(text(headers, ReplayHeaders.ORIGINAL_PARTITION));
            originalOffset = parseLong(text(headers, ReplayHeaders.ORIGINAL_OFFSET));
        } else {
            originalTopic = failedTopic;
            originalPartition = binary(headers, DeadLetterHeaders.ORIGINAL_PARTITION, 4) ? ByteBuffer.wrap(
                    headers.lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value()).getInt() : -1;
            originalOffset = binary(headers, DeadLetterHeaders.ORIGINAL_OFFSET, 8) ? ByteBuffer.wrap(
                    headers.lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value()).getLong() : -1;
        }
        return new Letter(record, text(headers, DeadLetterHeaders.REASON), text(headers, DeadLetterHeaders.ROUTE),
                text(headers, DeadLetterHeaders.VENDOR_CODE), text(headers, DeadLetterHeaders.HTTP_STATUS),
                text(headers, DeadLetterHeaders.EVENT_ID), originalTopic, originalPartition, originalOffset,
                failedTopic, detail, event, Math.max(0, parseInt(text(headers, ReplayHeaders.COUNT))));
    }

    /** {@code topic-partition@offset}, the name a replay gives the dead letter it came from. */
    String position() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    String vendor() {
        return detail == null || detail.getVendor() == null ? null : detail.getVendor().name();
    }

    String groupId() {
        return event == null ? null : event.getGroupId();
    }

    String memberId() {
        return event != null && event.getPatch() instanceof MemberProfilePatch member ? member.getMemberId() : null;
    }

    String message() {
        return text(record.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE);
    }

    boolean valueOmitted() {
        return record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OMITTED) != null;
    }

    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean binary(Headers headers, String name, int length) {
        Header header = headers.lastHeader(name);
        return header != null && header.value() != null && header.value().length == length;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
