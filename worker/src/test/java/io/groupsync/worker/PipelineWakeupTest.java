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
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A vendor answer can wake the consumer just as its poll returns; the wake-up then lands on the next blocking call
 * outside poll. It only means "look at the inbox", so it must not break taking over partitions or a rewind.
 */
class PipelineWakeupTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);

    /** Throws a wake-up from the next committed() when told to, as KafkaConsumer does after a late wakeup(). */
    private static final class LateWokenConsumer extends MockConsumer<byte[], byte[]> {
        boolean woken;

        LateWokenConsumer() {
            super("earliest");
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            if (woken) {
                woken = false;
                throw new WakeupException();
            }
            return super.committed(partitions);
        }
    }

    private final LateWokenConsumer consumer = new LateWokenConsumer();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final OutcomeTracker tracker = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "g", Map.of(), 256, 1 << 20,
            new ManualClock(), r -> { }, OutcomeListener.NONE, NoRereads.ORIGINALS);
    private final TransactionalOutput output = new TransactionalOutput(() -> producer);
    private final Pipeline pipeline = new Pipeline(consumer, output, tracker, new Coalescer(new AppliedVersions(Duration.ofDays(1), new ManualClock())), Map.of(),
            new CompletionInbox(consumer), "in", PipelineConfig.defaults().withCommitInterval(Duration.ofMillis(100))
            .withSettleTimeout(Duration.ofSeconds(1)).withOffsetMetadataMaxBytes(256).withPendingKeys(10, 8)
            .withMaxPendingRecords(100)
            .withBacklogHold(Duration.ZERO), Backlog.none(new ManualClock()), new NoVersions(),
            new ManualClock(), PipelineListener.NONE);

    @Test
    void aLateWakeUpNeitherBreaksTakingOverAPartitionNorARewind() {
        consumer.assign(List.of(TP));
        consumer.commitSync(Map.of(TP, new OffsetAndMetadata(7)));
        output.init();

        consumer.woken = true;
        pipeline.lifecycle().assigned(List.of(TP));
        assertThat(tracker.offsetsToCommit().get(TP).offset()).isEqualTo(7);

        producer.commitTransactionException = new KafkaException("the broker refused the commit");
        consumer.woken = true;
        pipeline.commit();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(consumer.position(TP)).as("rewound to the last commit").isEqualTo(7);
    }
}
