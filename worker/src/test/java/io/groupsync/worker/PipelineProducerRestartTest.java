package io.groupsync.worker;

import io.groupsync.versions.AppliedVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.config.PipelineConfig;
import io.groupsync.intake.Backlog;
import io.groupsync.record.FencedException;
import io.groupsync.record.NoRereads;
import io.groupsync.record.OutcomeListener;
import io.groupsync.record.OutcomeTracker;
import io.groupsync.record.TransactionalOutput;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker away for longer than the transaction timeout comes back and aborts the worker's transaction, bumping the
 * producer's epoch, so the commit fails as fenced; a broker away for longer than max.block.ms makes the commit time
 * out, after which KafkaProducer allows nothing but the same commit. Found by the broker-restart suite: the worker
 * exited on the first, and on the second its abort threw an IllegalStateException. Either way it now carries on
 * with a new producer from the last commit, unless it is fenced again before committing anything.
 */
class PipelineProducerRestartTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private static final ProducerRecord<byte[], byte[]> RESULT = new ProducerRecord<>("results", new byte[] {1});

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final TransactionalOutput output = new TransactionalOutput(() -> {
        producers.add(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));
        return last();
    });
    private final OutcomeTracker tracker = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "g", Map.of(), 256, 1 << 20,
            new ManualClock(), r -> { }, OutcomeListener.NONE, NoRereads.ORIGINALS);
    private final ManualClock clock = new ManualClock();
    private final Pipeline pipeline = new Pipeline(consumer, output, tracker, new Coalescer(new AppliedVersions(Duration.ofDays(1), new ManualClock())), Map.of(),
            new CompletionInbox(consumer), "in", PipelineConfig.defaults().withCommitInterval(Duration.ofMillis(100))
            .withSettleTimeout(Duration.ofSeconds(1)).withOffsetMetadataMaxBytes(256).withPendingKeys(10, 8)
            .withMaxPendingRecords(100)
            .withBacklogHold(Duration.ZERO), Backlog.none(new ManualClock()), new NoVersions(),
            clock, PipelineListener.NONE);

    @BeforeEach
    void assignedWithACommit() {
        consumer.assign(List.of(TP));
        consumer.commitSync(Map.of(TP, new OffsetAndMetadata(7)));
        output.init();
        pipeline.lifecycle().assigned(List.of(TP));
    }

    @Test
    void aTransactionAbortedByTheCoordinatorIsRedoneWithANewProducerFromTheLastCommit() {
        consumer.seek(TP, 12);
        output.accept(() -> RESULT);
        last().commitTransactionException = new ProducerFencedException("epoch bumped: the transaction expired");

        pipeline.commit();

        assertThat(producers).hasSize(2);
        assertThat(producers.get(0).closed()).isTrue();
        assertThat(last().transactionInitialized()).isTrue();
        assertThat(consumer.position(TP)).as("rewound to the last commit").isEqualTo(7);

        output.accept(() -> RESULT);
        pipeline.commit();
        assertThat(last().transactionCommitted()).isTrue();
    }

    @Test
    void aCommitThatTimedOutIsNeitherAbortedNorLeftButSettledByANewProducer() {
        output.accept(() -> RESULT);
        last().commitTransactionException = new TimeoutException("Timeout expired after 60000ms committing");

        pipeline.commit();

        assertThat(producers.get(0).transactionAborted()).as("not allowed after a timed-out commit").isFalse();
        assertThat(producers).hasSize(2);
        assertThat(last().transactionInitialized()).isTrue();
        assertThat(consumer.position(TP)).isEqualTo(7);
    }

    @Test
    void fencedAgainBeforeAnyCommitMeansAnotherInstanceHasTheIdAndStopsTheWorker() {
        output.accept(() -> RESULT);
        last().commitTransactionException = new ProducerFencedException("fenced");
        pipeline.commit();

        output.accept(() -> RESULT);
        last().commitTransactionException = new ProducerFencedException("fenced again");
        assertThatThrownBy(pipeline::commit).isInstanceOf(FencedException.class);
    }

    @Test
    void aPeriodicCommitThatFailsOnTheProducersThreadIsActedOnByTheLoopThatWentOnMeanwhile() {
        consumer.seek(TP, 12);
        output.accept(() -> RESULT);
        last().commitTransactionException = new ProducerFencedException("epoch bumped: the transaction expired");
        clock.advance(Duration.ofSeconds(1));

        pipeline.runOnce();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (producers.size() < 2 && System.nanoTime() < deadline) {
            pipeline.runOnce();
        }

        assertThat(producers).as("replaced once the loop saw the commit fail").hasSize(2);
        assertThat(producers.get(0).transactionCommitted()).isFalse();
        assertThat(consumer.position(TP)).as("rewound to the last commit").isEqualTo(7);
    }

    private MockProducer<byte[], byte[]> last() {
        return producers.get(producers.size() - 1);
    }
}
