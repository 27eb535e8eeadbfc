package io.groupsync.worker;

import io.groupsync.versions.AppliedVersions;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.config.PipelineConfig;
import io.groupsync.intake.Backlog;
import io.groupsync.record.NoRereads;
import io.groupsync.record.OutcomeListener;
import io.groupsync.record.OutcomeTracker;
import io.groupsync.record.TransactionalOutput;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The pipeline pauses the partitions its backlog reads later, and resumes them when their turn comes. */
class PipelineReadOrderTest {

    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);
    private static final TopicPartition P2 = new TopicPartition("in", 2);

    private static final PipelineConfig CONFIG = PipelineConfig.defaults().withCommitInterval(Duration.ofMillis(100))
            .withSettleTimeout(Duration.ofSeconds(1)).withOffsetMetadataMaxBytes(256).withPendingKeys(10, 8)
            .withMaxPendingRecords(100).withBacklogHold(Duration.ofSeconds(30));

    private final ManualClock clock = new ManualClock();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final OutcomeTracker tracker = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "g", Map.of(), 256, 1 << 20, clock,
            r -> { }, OutcomeListener.NONE, NoRereads.ORIGINALS);
    private final TransactionalOutput output = new TransactionalOutput(() -> producer);
    private final Pipeline pipeline = new Pipeline(consumer, output, tracker, new Coalescer(new AppliedVersions(Duration.ofDays(1), new ManualClock())), Map.of(),
            new CompletionInbox(consumer), "in", CONFIG, new Backlog(CONFIG, clock), new NoVersions(), clock, PipelineListener.NONE);

    @Test
    void aBacklogIsReadOnePartitionAtATimeWhileCaughtUpPartitionsKeepFlowing() {
        consumer.assign(List.of(P0, P1, P2));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
        consumer.updateEndOffsets(Map.of(P0, 50_000L, P1, 20_000L, P2, 10L));
        output.init();
        pipeline.lifecycle().assigned(List.of(P0, P1, P2));

        pipeline.runOnce();
        assertThat(consumer.paused()).as("P1 is read first, nearest its end; P2 has nothing to catch up")
                .containsExactly(P0);

        consumer.seek(P1, 19_500);
        pipeline.runOnce();
        assertThat(consumer.paused()).as("P1 has 500 records left to read: still its turn").containsExactly(P0);

        consumer.seek(P1, 20_000);
        pipeline.runOnce();
        assertThat(consumer.paused()).as("P1 caught up: P0's turn").isEmpty();
    }
}
