package io.groupsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.schemas.AvroCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The JSON tail prints: fields where jq looks, times as ISO text, a record that does not decode saying so. */
class TailRecordsTest {

    @Test
    void aResultIsItsFieldsAtTheTopWithTimesAsIsoTextAndWhereItIsUnderKafka() {
        SyncResult result = SyncResult.newBuilder().setEventId("e1").setRoute("tencent").setVendor(Vendor.TENCENT)
                .setGroupId("g1").setStatus(SyncStatus.APPLIED).setAppliedFields(List.of("name")).setAttempts(1)
                .setDispatchEventCount(1).setSourceTopic("in").setSourcePartition(0).setSourceOffset(4)
                .setOccurredAt(Instant.parse("2026-12-03T10:00:00Z")).setConsumedAt(Instant.parse(
                        "2026-12-03T10:00:01Z")).setCompletedAt(Instant.parse("2026-12-03T10:00:02Z")).build();

        ObjectNode json = TailRecords.of(TailRecords.Kind.RESULTS, record(AvroCodec.syncResult().encode(result),
                new RecordHeaders()));

        assertThat(json.get("status").asText()).isEqualTo("APPLIED");
        assertThat(json.get("appliedFields").get(0).asText()).isEqualTo("name");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(json.get("memberId").isNull()).isTrue();
        assertThat(json.get("kafka").get("offset").asLong()).isEqualTo(7);
        assertThat(json.has("replay")).isFalse();
    }

    @Test
    void aDeadLetterOfAReplayShowsItsEventAndItsHistory() {
        ObjectNode json = TailRecords.of(TailRecords.Kind.DEAD_LETTERS, Letters.letter(7,
                Letters.failedReplay("tencent", 70, 2, 40)));

        assertThat(json.get("reason").asText()).isEqualTo("VENDOR_PERMANENT");
        assertThat(json.get("groupId").asText()).isEqualTo("g1");
        assertThat(json.get("event").get("patch").get("name").asText()).isEqualTo("n");
        assertThat(json.get("replay").get("count").asText()).isEqualTo("2");
        assertThat(json.get("replay").get("original").asText()).isEqualTo("changes-1@40");
        assertThat(json.get("replay").get("deadLetters").get(0).asText()).isEqualTo("changes.dlt-0@3");
    }

    @Test
    void aValueThatDoesNotDecodeSaysWhyInsteadOfFailingTheTail() {
        ObjectNode json = TailRecords.of(TailRecords.Kind.INPUT, record(new byte[] {1, 2, 3}, new RecordHeaders()));
        assertThat(json.get("undecodable").asText()).startsWith("BAD_FRAMING");
        assertThat(TailTable.row(TailRecords.Kind.INPUT, json)).contains("UNDECODABLE");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("t", 0, 7, 1_000L, TimestampType.CREATE_TIME, 2, value.length, null, value,
                headers, Optional.empty());
    }
}
