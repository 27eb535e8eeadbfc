package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.coalesce.CoveredEvent;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.Vendor;
import io.groupsync.model.Field;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutcomeTrackerTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private final List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
    private final OutcomeTracker tracker = new OutcomeTracker("results", "dlt", "group",
            Map.of("a", Vendor.TENCENT, "b", Vendor.OPENIM), 256, new ManualClock(), written::add);

    @Test
    void aRecordsOutcomesGoOutTogetherOnlyWhenEveryRouteHasOne() {
        tracker.assigned(TP, null);
        SourceRecord source = source(0);
        assertThat(tracker.arrived(source, 2)).isTrue();
        tracker.nothingToSend("a", "g", Target.group(), event(source));
        assertThat(written).as("route b has no outcome yet").isEmpty();
        tracker.rejected("b", "g", Target.group(), event(source), "Name is 31 bytes, over 30");
        assertThat(written).extracting(ProducerRecord::topic).containsExactly("results", "dlt", "results");
        assertThat(tracker.offsetsToCommit()).containsEntry(TP, new OffsetAndMetadata(1, ""));
        assertThat(tracker.outstandingRecords()).isZero();
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
    void aRecordFinishedBeforeARebalanceIsSkippedByTheNextOwner() {
        tracker.assigned(TP, null);
        for (int o = 0; o < 3; o++) {
            tracker.arrived(source(o), 1);
        }
        tracker.nothingToSend("a", "g", Target.group(), event(source(1)));
        OffsetAndMetadata commit = tracker.offsetsToCommit().get(TP);

        OutcomeTracker next = new OutcomeTracker("results", "dlt", "group", Map.of("a", Vendor.TENCENT), 256,
                new ManualClock(), written::add);
        next.assigned(TP, commit);
        assertThat(next.arrived(source(0), 1)).isTrue();
        assertThat(next.arrived(source(1), 1)).isFalse();
        assertThat(next.arrived(source(2), 1)).isTrue();
    }

    private static SourceRecord source(long offset) {
        return new SourceRecord("in", 0, offset, 0, "g".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3},
                new RecordHeaders(), 0);
    }

    private static CoveredEvent event(SourceRecord source) {
        return new CoveredEvent("e" + source.offset(), 0, source, Set.of(Field.NAME), Map.of());
    }
}
