package io.groupsync.record;

import java.time.Duration;
import io.groupsync.versions.AppliedVersions;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.CoveredEvent;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutcomeTrackerTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private static final int MAX_RECORD_BYTES = 4_096;
    private final List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
    private final OutcomeTracker tracker = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "group",
            Map.of("a", Vendor.TENCENT, "b", Vendor.OPENIM), 256, MAX_RECORD_BYTES, new ManualClock(),
            o -> written.add(o.build()), OutcomeListener.NONE, NoRereads.ORIGINALS);

    @Test
    void aRecordsOutcomesGoOutTogetherOnlyWhenEveryRouteHasOne() {
        tracker.assigned(TP, null);
        SourceRecord source = source(0);
        assertThat(tracker.arrived(source, 2)).isTrue();
        tracker.nothingToSend("a", "g", Target.group(), event(source));
        assertThat(written).as("route b has no outcome yet").isEmpty();
        tracker.rejected("b", "g", Target.group(), event(source), "Name is 31 bytes, over 30", true);
        assertThat(written).extracting(ProducerRecord::topic).containsExactly("results", "dlt", "results");
        assertThat(tracker.offsetsToCommit()).containsEntry(TP, new OffsetAndMetadata(1, ""));
        assertThat(tracker.outstandingRecords()).isZero();
    }

    /**
     * Found by the broker-restart suite: a later edit that route b had nothing to send for finished while an earlier
     * edit of the same member still waited on route b; after a restart the earlier one was redone on every route,
     * the later one skipped as finished, and route a's vendor was left holding the earlier value.
     */
    @Test
    void aRecordFinishedOnEveryRouteWaitsForEveryEarlierRecordOfItsGroupAndTarget() throws Exception {
        tracker.assigned(TP, null);
        SourceRecord earlier = source(0);
        SourceRecord later = source(1);
        SourceRecord otherMember = source(2);
        tracker.arrived(earlier, 2, "g", Target.member("u1"));
        tracker.arrived(later, 2, "g", Target.member("u1"));
        tracker.arrived(otherMember, 1, "g", Target.member("u2"));

        tracker.nothingToSend("a", "g", Target.member("u1"), event(later));
        tracker.nothingToSend("b", "g", Target.member("u1"), event(later));
        tracker.nothingToSend("a", "g", Target.member("u2"), event(otherMember));
        assertThat(eventIds()).as("another member's edit is not held up").containsExactly("e2");
        assertThat(tracker.offsetsToCommit().get(TP).offset()).isZero();

        tracker.nothingToSend("a", "g", Target.member("u1"), event(earlier));
        tracker.nothingToSend("b", "g", Target.member("u1"), event(earlier));
        assertThat(eventIds()).containsExactly("e2", "e0", "e0", "e1", "e1");
        assertThat(tracker.offsetsToCommit().get(TP).offset()).isEqualTo(3);
        assertThat(tracker.outstandingRecords()).isZero();
    }

    /** An event naming two routes the worker lacks stopped the worker: the first dead letter finished its record. */
    @Test
    void anEventNamingTwoUnknownRoutesFinishesWithADeadLetterForEach() {
        tracker.assigned(TP, null);
        SourceRecord source = source(0);
        tracker.arrived(source, 2, "g", Target.group());
        tracker.deadLetter(source, DeadLetterReason.UNKNOWN_ROUTE, "no route named x", "E", "e0", "x");
        assertThat(written).isEmpty();
        tracker.deadLetter(source, DeadLetterReason.UNKNOWN_ROUTE, "no route named y", "E", "e0", "y");
        assertThat(written).extracting(r -> text(r, DeadLetterHeaders.ROUTE)).containsExactly("x", "y");
        assertThat(tracker.outstandingRecords()).isZero();
    }

    @Test
    void theBytesOfADroppedTransactionAreNoLongerCountedOnceItsPartitionIsForgotten() {
        tracker.assigned(TP, new OffsetAndMetadata(5));
        SourceRecord source = source(5);
        tracker.arrived(source, 0);
        tracker.deadLetter(source, DeadLetterReason.UNDECODABLE, "BAD_FRAMING", "x.DecodeException", null, null);
        assertThat(tracker.outstandingBytes()).as("finished, its outputs in the open transaction").isPositive();
        tracker.commitStarted();

        tracker.transactionDropped();
        tracker.forget(List.of(TP));

        assertThat(tracker.outstandingBytes()).isZero();
    }

    @Test
    void anUndecodableRecordFinishesWithItsDeadLetterAlone() {
        tracker.assigned(TP, new OffsetAndMetadata(5));
        SourceRecord source = source(5);
        tracker.arrived(source, 0);
        tracker.deadLetter(source, DeadLetterReason.UNDECODABLE, "BAD_FRAMING", "x.DecodeException", null, null);
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("dlt");
            assertThat(r.value()).isEqualTo(source.value());
            assertThat(new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("UNDECODABLE");
        });
        assertThat(tracker.offsetsToCommit().get(TP).offset()).isEqualTo(6);
    }

    @Test
    void aDeadLetterTooLargeForTheProducerGoesWithoutTheOriginalValueAndSaysWhatIsLeftOut() {
        tracker.assigned(TP, new OffsetAndMetadata(0));
        SourceRecord big = new SourceRecord("in", 0, 0, 0, "g".getBytes(StandardCharsets.UTF_8),
                new byte[MAX_RECORD_BYTES], new RecordHeaders().add("trace", new byte[] {7}), 0);
        tracker.arrived(big, 1);
        tracker.rejected("a", "g", Target.group(), event(big), "notification is 4096 bytes", true);
        ProducerRecord<byte[], byte[]> letter = written.stream().filter(r -> r.topic().equals("dlt")).findFirst()
                .orElseThrow();
        assertThat(letter.value()).isNull();
        assertThat(letter.key()).isEqualTo(big.key());
        assertThat(letter.headers().lastHeader("trace").value()).containsExactly(7);
        assertThat(text(letter, DeadLetterHeaders.ORIGINAL_OMITTED)).isEqualTo("value (4096 bytes)");
        assertThat(text(letter, DeadLetterHeaders.EXCEPTION_MESSAGE)).startsWith("notification is 4096 bytes; ")
                .contains("left out of this dead letter: the original value (4096 bytes)");
        assertThat(written).as("the result is not affected").extracting(ProducerRecord::topic).contains("results");
    }

    @Test
    void aDeadLetterWhoseKeyAloneIsTooLargeGoesWithoutKeyValueAndHeaders() {
        tracker.assigned(TP, new OffsetAndMetadata(0));
        SourceRecord big = new SourceRecord("in", 0, 0, 0, new byte[MAX_RECORD_BYTES], new byte[] {1},
                new RecordHeaders(), 0);
        tracker.arrived(big, 0);
        tracker.deadLetter(big, DeadLetterReason.INVALID_EVENT, "record key does not match", "x.E", null, null);
        assertThat(written).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isNull();
            assertThat(letter.value()).isNull();
            assertThat(text(letter, DeadLetterHeaders.ORIGINAL_OMITTED))
                    .isEqualTo("key, value and headers (4097 bytes)");
            assertThat(text(letter, DeadLetterHeaders.REASON))
                    .isEqualTo("INVALID_EVENT");
        });
    }

    @Test
    void aReasonQuotingAHugeValueIsCappedKeepingItsEndWhereTheLimitIsSaid() throws Exception {
        OutcomeTracker roomy = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "group", Map.of("a", Vendor.TENCENT), 256,
                1 << 20, new ManualClock(), o -> written.add(o.build()), OutcomeListener.NONE, NoRereads.ORIGINALS);
        roomy.assigned(TP, new OffsetAndMetadata(0));
        SourceRecord source = source(0);
        roomy.arrived(source, 1);
        String reason = "customData key " + "k".repeat(1 << 20) + " is 1048576 bytes; Tencent allows at most 16";
        roomy.rejected("a", "g", Target.group(), event(source), reason, true);
        String letter = text(written.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE);
        String result = AvroCodec.syncResult().decode(written.get(1).value()).getMessage();
        assertThat(List.of(letter, result)).allSatisfy(message -> assertThat(message).hasSizeLessThan(4_200)
                .startsWith("customData key kkk").contains("characters left out")
                .endsWith("kkk is 1048576 bytes; Tencent allows at most 16"));
        assertThat(written.get(0).value()).as("the dead letter is whole").isEqualTo(source.value());
    }

    @Test
    void recordsFinishedPastWhatTheMetadataCanDescribeWaitForTheCommittedOffset() {
        tracker.assigned(TP, new OffsetAndMetadata(0));
        int span = new OffsetMetadataCodec(256).maxSpan();
        List<SourceRecord> sources = new ArrayList<>();
        for (int o = 0; o <= span; o++) {
            SourceRecord source = source(o);
            sources.add(source);
            tracker.arrived(source, 1);
        }
        tracker.nothingToSend("a", "g", Target.group(), event(sources.get(span)));
        assertThat(written).as("offset %d is past the span from 0", span).isEmpty();
        tracker.nothingToSend("a", "g", Target.group(), event(sources.get(0)));
        assertThat(written).as("offset 0 done: the span moved and the held record went out").hasSize(2);
        OffsetAndMetadata commit = tracker.offsetsToCommit().get(TP);
        assertThat(commit.offset()).isEqualTo(1);
        OffsetMetadataCodec.Decoded decoded = new OffsetMetadataCodec(256).decode(commit.metadata());
        assertThat(decoded.isFinished(span - 1)).as("offset %d is remembered finished", span).isTrue();
    }

    @Test
    void manyRecordsHeldPastTheSpanGoOutOnceEachInOffsetOrderAsTheCommittedOffsetMoves() throws Exception {
        tracker.assigned(TP, new OffsetAndMetadata(0));
        int span = new OffsetMetadataCodec(256).maxSpan();
        int count = 3 * span;
        List<SourceRecord> sources = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            sources.add(source(o));
            tracker.arrived(sources.get(o), 1);
        }
        List<SourceRecord> shuffled = new ArrayList<>(sources.subList(1, count));
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(s -> tracker.nothingToSend("a", "g", Target.group(), event(s)));
        assertThat(written).as("offset 0 is unfinished: only what lies within the span from it went out")
                .hasSize(span - 1);

        written.clear();
        tracker.nothingToSend("a", "g", Target.group(), event(sources.get(0)));
        List<String> expected = new ArrayList<>();
        expected.add("e0");
        for (int o = span; o < count; o++) {
            expected.add("e" + o);
        }
        assertThat(eventIds()).containsExactlyElementsOf(expected);
        assertThat(tracker.offsetsToCommit().get(TP).offset()).isEqualTo(count);
        assertThat(tracker.outstandingRecords()).isZero();
    }

    @Test
    void aRecordFinishedBeforeARebalanceIsSkippedByTheNextOwner() {
        tracker.assigned(TP, null);
        for (int o = 0; o < 3; o++) {
            tracker.arrived(source(o), 1);
        }
        tracker.nothingToSend("a", "g", Target.group(), event(source(1)));
        OffsetAndMetadata commit = tracker.offsetsToCommit().get(TP);

        OutcomeTracker next = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "group", Map.of("a", Vendor.TENCENT), 256,
                MAX_RECORD_BYTES, new ManualClock(), o -> written.add(o.build()), OutcomeListener.NONE, NoRereads.ORIGINALS);
        next.assigned(TP, commit);
        assertThat(next.arrived(source(0), 1)).isTrue();
        assertThat(next.arrived(source(1), 1)).isFalse();
        assertThat(next.arrived(source(2), 1)).isTrue();
    }

    private List<String> eventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : written) {
            ids.add(AvroCodec.syncResult().decode(record.value()).getEventId());
        }
        return ids;
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static SourceRecord source(long offset) {
        return new SourceRecord("in", 0, offset, 0, "g".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3},
                new RecordHeaders(), 0);
    }

    private static CoveredEvent event(SourceRecord source) {
        return new CoveredEvent("e" + source.offset(), 0, source, Set.of(Field.NAME), Map.of());
    }
}
