package io.groupsync.record;

import io.groupsync.versions.AppliedVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.SourceRecord;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commit cycle alone, on mock clients: when it commits, and what a failed commit costs. */
class CommitCycleTest {

    private static final TopicPartition TP = new TopicPartition("in", 0);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final OutputRecord RESULT = OutputRecord.of(new ProducerRecord<>("results", new byte[] {1}));

    private final ManualClock clock = new ManualClock();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final TransactionalOutput output = new TransactionalOutput(() -> {
        producers.add(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));
        return last();
    });
    private final OutcomeTracker tracker = new OutcomeTracker(
            new OutcomeTracker.Topics("results", "dlt", "versions"), new AppliedVersions(Duration.ofDays(1), new ManualClock()), "g", Map.of(), 256, 1 << 20, clock,
            output, OutcomeListener.NONE, NoRereads.ORIGINALS);
    private final Semaphore wakes = new Semaphore(0);
    private final AtomicInteger commits = new AtomicInteger();
    private final List<Set<TopicPartition>> rewinds = new ArrayList<>();
    private final List<Duration> took = new ArrayList<>();
    private final List<CommitCycle.Failure> failures = new ArrayList<>();
    private final CommitCycle cycle = new CommitCycle(consumer, output, tracker, wakes::release, INTERVAL,
            clock, listener(), rewinds::add, () -> false);

    @BeforeEach
    void assigned() {
        consumer.assign(List.of(TP));
        tracker.assigned(TP, new OffsetAndMetadata(7));
        output.init();
    }

    @Test
    void nothingToCommitMeansNothingIsDueAndAnOutputMakesTheCommitDueAfterTheInterval() {
        assertThat(cycle.dueNanos()).isEqualTo(Long.MAX_VALUE);

        output.accept(RESULT);

        assertThat(cycle.dueNanos()).isEqualTo(clock.nanoTime() + INTERVAL.toNanos());
    }

    @Test
    void aDueCommitRunsWhileTheLoopGoesOnAndItsEndWakesTheLoopAndIsSettledOnTheNextRound() throws Exception {
        output.accept(RESULT);
        cycle.onRound();
        assertThat(last().transactionCommitted()).as("not due yet").isFalse();

        clock.advance(INTERVAL);
        cycle.onRound();
        assertThat(cycle.dueNanos()).as("in flight: its end wakes the loop").isEqualTo(Long.MAX_VALUE);
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken when it ended").isTrue();
        assertThat(cycle.ended()).isTrue();

        cycle.onRound();
        assertThat(last().transactionCommitted()).isTrue();
        assertThat(commits).hasValue(1);
        assertThat(cycle.committedPartitions()).isEqualTo(1);
    }

    @Test
    void aCommitOfNothingNewSinceTheLastIsNotMade() {
        cycle.commitNow();
        assertThat(commits).hasValue(1);

        cycle.commitNow();

        assertThat(commits).as("same offsets, no outputs").hasValue(1);
    }

    @Test
    void aFailedCommitAbortsAndRewindsTheAssignedPartitions() {
        output.accept(RESULT);
        last().commitTransactionException = new KafkaException("the broker refused the commit");

        cycle.commitNow();

        assertThat(last().transactionAborted()).isTrue();
        assertThat(rewinds).containsExactly(Set.of(TP));
        assertThat(commits).hasValue(0);
        assertThat(producers).as("the producer can go on").hasSize(1);
    }

    @Test
    void aTransactionAbortedWhenItsPartitionsAreLostLeavesNoBytesCountedThatWouldKeepIntakePaused() {
        SourceRecord source = new SourceRecord("in", 0, 7, 0, new byte[] {1}, new byte[1000], new RecordHeaders(), 0);
        tracker.arrived(source, 0);
        tracker.deadLetter(source, DeadLetterReason.UNDECODABLE, "BAD_FRAMING", "x.E", null, null);
        assertThat(tracker.outstandingBytes()).as("finished into the open transaction").isPositive();

        cycle.abortAndRewind(Set.of());
        tracker.forget(List.of(TP));

        assertThat(tracker.outstandingBytes()).isZero();
    }

    @Test
    void aFencedProducerIsReplacedOnceAndFencedAgainBeforeACommitStops() {
        output.accept(RESULT);
        last().commitTransactionException = new ProducerFencedException("the transaction expired");
        cycle.commitNow();
        assertThat(producers).hasSize(2);
        assertThat(rewinds).containsExactly(Set.of(TP));

        output.accept(RESULT);
        last().commitTransactionException = new ProducerFencedException("another instance has the id");
        assertThatThrownBy(cycle::commitNow).isInstanceOf(FencedException.class);
    }

    @Test
    void anotherMemberWithThisInstanceIdStopsAtOnce() {
        output.accept(RESULT);
        last().commitTransactionException = new FencedInstanceIdException("instance id taken");

        assertThatThrownBy(cycle::commitNow).isInstanceOf(FencedException.class)
                .hasMessageContaining("instance id taken");
        assertThat(producers).as("not replaced").hasSize(1);
    }

    @Test
    void eachCommitIsToldWithHowLongItTookAndEachFailureWithItsKind() {
        output.accept(RESULT);
        cycle.commitNow();
        output.accept(RESULT);
        last().commitTransactionException = new KafkaException("the broker refused the commit");
        cycle.commitNow();
        output.accept(RESULT);
        last().commitTransactionException = new ProducerFencedException("the transaction expired");
        cycle.commitNow();

        assertThat(took).as("timed on the injected clock, which did not move").containsExactly(Duration.ZERO);
        assertThat(failures).containsExactly(CommitCycle.Failure.ABORTED, CommitCycle.Failure.PRODUCER_FENCED);
    }

    private CommitCycle.Listener listener() {
        return new CommitCycle.Listener() {
            @Override
            public void committed(Duration duration) {
                commits.incrementAndGet();
                took.add(duration);
            }

            @Override
            public void commitFailed(CommitCycle.Failure failure) {
                failures.add(failure);
            }
        };
    }

    private MockProducer<byte[], byte[]> last() {
        return producers.get(producers.size() - 1);
    }
}
