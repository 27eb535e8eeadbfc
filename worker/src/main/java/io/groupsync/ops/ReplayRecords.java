package io.groupsync.ops;

import io.groupsync.model.ReplayHeaders;
import io.groupsync.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The records replay writes: a replay of a dead letter to its input topic, or the dead letter parked. */
final class ReplayRecords {

    /** Why a record was parked, in the parking topic. */
    static final String PARK_REASON = "groupsync_park-reason";
    /** The dead letter it was parked from: {@code topic-partition@offset}. */
    static final String PARK_DEAD_LETTER = "groupsync_park-dead-letter";

    /** Written afresh on each replay; {@link ReplayHeaders#DEAD_LETTER} instead gains one header per replay. */
    private static final Set<String> REPLACED = Set.of(ReplayHeaders.ROUTES, ReplayHeaders.COUNT,
            ReplayHeaders.ORIGINAL_TOPIC, ReplayHeaders.ORIGINAL_PARTITION, ReplayHeaders.ORIGINAL_OFFSET);

    private ReplayRecords() {
    }

    /**
     * The original key and value with the original's own headers, for {@code route} only. The dead letter's headers
     * are left out (a new failure writes its own, once) and the replay's history is kept: every dead letter it came
     * from, oldest first, how many replays, and where the edit was first published, which is its version. It goes
     * to that partition.
     */
    static ProducerRecord<byte[], byte[]> replay(Letter letter, String topic, String route) {
        Headers headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key()) && !REPLACED.contains(header.key())) {
                headers.add(header);
            }
        }
        headers.add(ReplayHeaders.DEAD_LETTER, utf8(letter.position()));
        headers.add(ReplayHeaders.COUNT, utf8(Integer.toString(letter.replays() + 1)));
        headers.add(ReplayHeaders.ROUTES, utf8(route));
        headers.add(ReplayHeaders.ORIGINAL_TOPIC, utf8(letter.originalTopic()));
        headers.add(ReplayHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(letter.originalPartition())));
        headers.add(ReplayHeaders.ORIGINAL_OFFSET, utf8(Long.toString(letter.originalOffset())));
        // Back to the partition it was first read from, whatever partitioner the upstream producer used: a group's
        // edits stay in one partition, so their order and their versions are that partition's.
        Integer partition = topic.equals(letter.originalTopic()) && letter.originalPartition() >= 0
                ? letter.originalPartition() : null;
        return new ProducerRecord<>(topic, partition, letter.record().key(), letter.record().value(), headers);
    }

    /** The dead letter whole, headers and all, and why it is parked. */
    static ProducerRecord<byte[], byte[]> parked(Letter letter, String topic, String reason) {
        Headers headers = new RecordHeaders(letter.record().headers().toArray());
        headers.add(PARK_REASON, utf8(reason));
        headers.add(PARK_DEAD_LETTER, utf8(letter.position()));
        return new ProducerRecord<>(topic, null, letter.record().key(), letter.record().value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
