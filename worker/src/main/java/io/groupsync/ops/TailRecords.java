package io.groupsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.GroupChange;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a groupsync topic as one JSON object: the decoded value's fields at the top (so {@code .eventId},
 * {@code .status} and {@code .reason} are where a {@code jq} filter looks first), where it is under {@code kafka},
 * and a replay's history under {@code replay}. A record that does not decode says why under {@code undecodable}.
 */
final class TailRecords {

    /** The topics tail reads, each with its own value. */
    enum Kind {
        RESULTS, DEAD_LETTERS, INPUT
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TailRecords() {
    }

    static ObjectNode of(Kind kind, ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = switch (kind) {
            case RESULTS -> result(record);
            case DEAD_LETTERS -> deadLetter(record);
            case INPUT -> input(record);
        };
        ObjectNode kafka = JSON.objectNode();
        kafka.put("topic", record.topic());
        kafka.put("partition", record.partition());
        kafka.put("offset", record.offset());
        kafka.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        node.set("kafka", kafka);
        ObjectNode replay = replay(record);
        if (replay != null) {
            node.set("replay", replay);
        }
        return node;
    }

    private static ObjectNode result(ConsumerRecord<byte[], byte[]> record) {
        try {
            return RecordJson.of(AvroCodec.syncResult().decode(record.value()));
        } catch (DecodeException e) {
            return undecodable(e);
        }
    }

    /** The failure's detail, and the event the dead letter holds when its value decodes. */
    private static ObjectNode deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Letter letter = Letter.of(record);
        ObjectNode node;
        if (letter.detail() != null) {
            node = RecordJson.of(letter.detail());
        } else {
            node = JSON.objectNode();
            node.put("reason", letter.reason());
            node.put("message", letter.message());
            node.put("eventId", letter.eventId());
            node.put("route", letter.route());
        }
        node.put("groupId", letter.groupId());
        node.put("memberId", letter.memberId());
        node.set("event", letter.event() == null ? JSON.nullNode() : RecordJson.of(letter.event()));
        node.put("deadLetter", letter.position());
        node.put("failedRecord", letter.failedTopic() + "-" + letter.originalPartition() + "@"
                + letter.originalOffset());
        return node;
    }

    private static ObjectNode input(ConsumerRecord<byte[], byte[]> record) {
        GroupChange event;
        try {
            event = AvroCodec.groupChange().decode(record.value());
        } catch (DecodeException e) {
            return undecodable(e);
        }
        ObjectNode node = RecordJson.of(event);
        node.put("memberId", event.getPatch() instanceof MemberProfilePatch m ? m.getMemberId() : null);
        return node;
    }

    private static ObjectNode undecodable(DecodeException e) {
        ObjectNode node = JSON.objectNode();
        node.put("undecodable", e.failure() + ": " + e.getMessage());
        return node;
    }

    private static ObjectNode replay(ConsumerRecord<byte[], byte[]> record) {
        if (record.headers().lastHeader(ReplayHeaders.COUNT) == null) {
            return null;
        }
        ObjectNode replay = JSON.objectNode();
        replay.put("count", Letter.text(record.headers(), ReplayHeaders.COUNT));
        replay.put("routes", Letter.text(record.headers(), ReplayHeaders.ROUTES));
        ArrayNode from = replay.putArray("deadLetters");
        for (Header header : record.headers().headers(ReplayHeaders.DEAD_LETTER)) {
            from.add(new String(header.value(), StandardCharsets.UTF_8));
        }
        replay.put("original", Letter.text(record.headers(), ReplayHeaders.ORIGINAL_TOPIC) + "-"
                + Letter.text(record.headers(), ReplayHeaders.ORIGINAL_PARTITION) + "@"
                + Letter.text(record.headers(), ReplayHeaders.ORIGINAL_OFFSET));
        return replay;
    }

    /** The text of a field, or null when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
