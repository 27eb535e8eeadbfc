package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PartitionOutcomesTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private static final PendingRecord.EditKey MEMBER = new PendingRecord.EditKey("g", Target.member("u1"));
    private final OffsetMetadataCodec codec = new OffsetMetadataCodec(256);
    private final List<Long> emitted = new ArrayList<>();

    @Test
    void aPartitionWithoutACommitStartsAtItsFirstRecord() {
        PartitionOutcomes partition = partition(null);
        assertThat(partition.offsetToCommit()).as("nothing read yet: nothing to commit").isNull();

        PendingRecord record = partition.arrived(source(40), 1, null);
        assertThat(partition.offsetToCommit().offset()).isEqualTo(40);

        complete(partition, record);
        assertThat(emitted).containsExactly(40L);
        assertThat(partition.offsetToCommit()).isEqualTo(new OffsetAndMetadata(41, ""));
        assertThat(partition.pending(40)).isNull();
    }

    @Test
    void aRecordTheLastCommitRemembersFinishedIsNotPendingAgain() {
        PartitionOutcomes before = partition(new OffsetAndMetadata(0));
        before.arrived(source(0), 1, null);
        complete(before, before.arrived(source(1), 1, null));
        OffsetAndMetadata commit = before.offsetToCommit();

        PartitionOutcomes after = partition(commit);
        assertThat(after.arrived(source(0), 1, null)).isNotNull();
        assertThat(after.arrived(source(1), 1, null)).as("finished before").isNull();
        assertThat(after.pending(1)).isNull();
    }

    @Test
    void aCompleteRecordOfAGroupAndTargetWaitsForTheEarlierOnesAndRecordsOfNoKeyDoNot() {
        PartitionOutcomes partition = partition(new OffsetAndMetadata(0));
        PendingRecord earlier = partition.arrived(source(0), 1, MEMBER);
        PendingRecord later = partition.arrived(source(1), 1, MEMBER);
        PendingRecord unkeyed = partition.arrived(source(2), 1, null);

        complete(partition, later);
        complete(partition, unkeyed);
        assertThat(emitted).containsExactly(2L);

        complete(partition, earlier);
        assertThat(emitted).containsExactly(2L, 0L, 1L);
        assertThat(partition.offsetToCommit().offset()).isEqualTo(3);
    }

    @Test
    void aRecordFinishedPastTheSpanIsHeldAndGoesOnceTheCommittedOffsetComesWithinReach() {
        PartitionOutcomes partition = partition(new OffsetAndMetadata(0));
        int span = codec.maxSpan();
        List<PendingRecord> records = new ArrayList<>();
        for (int o = 0; o <= span; o++) {
            records.add(partition.arrived(source(o), 1, null));
        }

        complete(partition, records.get(span));
        assertThat(emitted).isEmpty();
        assertThat(partition.pending(span)).as("finished: no longer waiting for outcomes").isNull();

        complete(partition, records.get(0));
        assertThat(emitted).containsExactly(0L, (long) span);
    }

    @Test
    void everyRecordNotYetEmittedIsUnfinishedWhetherWaitingForOutcomesOrHeld() {
        PartitionOutcomes partition = partition(new OffsetAndMetadata(0));
        int span = codec.maxSpan();
        for (int o = 0; o <= span; o++) {
            partition.arrived(source(o), 1, null);
        }
        complete(partition, partition.pending(span));
        complete(partition, partition.pending(1));

        List<Long> unfinished = new ArrayList<>();
        partition.forEachUnfinished(r -> unfinished.add(r.source().offset()));

        assertThat(emitted).containsExactly(1L);
        assertThat(unfinished).hasSize(span).contains(0L, (long) span).doesNotContain(1L);
    }

    private PartitionOutcomes partition(OffsetAndMetadata committed) {
        return new PartitionOutcomes(TP, committed, codec, r -> emitted.add(r.source().offset()));
    }

    private static void complete(PartitionOutcomes partition, PendingRecord record) {
        record.outcome(OutputRecord.of(null));
        partition.completed(record);
    }

    private static SourceRecord source(long offset) {
        return new SourceRecord("in", 0, offset, 0, new byte[] {1}, new byte[] {2}, new RecordHeaders(), 0);
    }
}
