package io.groupsync.testkit.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Set<String> ROUTES = Set.of("a", "b");

    @Test
    void aRefusalAtIntakeHasOneDeadLetterNamingNoRouteForTheRejectedResultOfEveryRoute() {
        Verdict verdict = Verdict.of("t", List.of(new Verdict.Published(0, 7, "e7")), ROUTES,
                List.of(result("e7", 7, "a", SyncStatus.REJECTED), result("e7", 7, "b", SyncStatus.REJECTED)),
                List.of(deadLetter(7, null)), Map.of());

        assertThat(verdict.problems()).isEmpty();
    }

    @Test
    void aRejectedResultWithNoDeadLetterAtAllAndARoutelessDeadLetterWithNoRejectionAreProblems() {
        Verdict missing = Verdict.of("t", List.of(new Verdict.Published(0, 7, "e7")), ROUTES,
                List.of(result("e7", 7, "a", SyncStatus.REJECTED), result("e7", 7, "b", SyncStatus.APPLIED)),
                List.of(), Map.of());
        Verdict stray = Verdict.of("t", List.of(new Verdict.Published(0, 7, "e7")), ROUTES,
                List.of(result("e7", 7, "a", SyncStatus.APPLIED), result("e7", 7, "b", SyncStatus.APPLIED)),
                List.of(deadLetter(7, null)), Map.of());

        assertThat(missing.problems()).singleElement().asString().contains("REJECTED result without its dead letter");
        assertThat(stray.problems()).singleElement().asString().contains("without a failed or rejected result");
    }

    private static ConsumerRecord<byte[], byte[]> result(String eventId, long offset, String route,
                                                         SyncStatus status) {
        Instant at = Instant.EPOCH;
        SyncResult result = SyncResult.newBuilder().setEventId(eventId).setRoute(route).setVendor(Vendor.TENCENT)
                .setGroupId("g").setStatus(status).setAttempts(0).setDispatchEventCount(0).setSourceTopic("in")
                .setSourcePartition(0).setSourceOffset(offset).setOccurredAt(at).setConsumedAt(at).setCompletedAt(at)
                .build();
        return new ConsumerRecord<>("results", 0, 0, null, AvroCodec.syncResult().encode(result));
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(long offset, String route) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaderNames.REASON, "INVALID_EVENT".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaderNames.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(0).array());
        headers.add(DeadLetterHeaderNames.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
        if (route != null) {
            headers.add(DeadLetterHeaderNames.ROUTE, route.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("dlt", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, null, null, headers,
                Optional.empty());
    }
}
