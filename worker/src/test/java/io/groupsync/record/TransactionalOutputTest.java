package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TransactionalOutputTest {

    private static final ProducerRecord<byte[], byte[]> RECORD = new ProducerRecord<>("out", 0, null, new byte[] {1});
    private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("g");

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final TransactionalOutput output = new TransactionalOutput(() -> producer);

    @Test
    void aFailedSendFailsTheCommitNotTheNextSendAndAnAbortStartsAfresh() {
        output.init();
        output.accept(() -> RECORD);
        // What a producer throws from every send once one send of the transaction failed.
        KafkaException failure = new KafkaException("Cannot execute transactional method because we are in an error "
                + "state", new RecordTooLargeException("too large"));
        producer.sendException = failure;
        assertThatCode(() -> output.accept(() -> RECORD)).doesNotThrowAnyException();
        assertThatCode(() -> output.accept(() -> RECORD)).doesNotThrowAnyException();
        assertThat(output.pending()).as("a commit is due, so that the failure comes out").isEqualTo(3);

        assertThatThrownBy(() -> output.commit(Map.of(), GROUP)).isSameAs(failure);
        assertThat(producer.transactionCommitted()).isFalse();
        output.abort();
        assertThat(producer.transactionAborted()).isTrue();

        producer.sendException = null;
        output.accept(() -> RECORD);
        output.commit(Map.of(), GROUP);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void aCommitRunsOnTheProducersThreadAndWhatIsHandedOverMeanwhileGoesIntoTheNextTransaction() throws Exception {
        CountDownLatch commitEntered = new CountDownLatch(1);
        CountDownLatch letCommitEnd = new CountDownLatch(1);
        MockProducer<byte[], byte[]> slow = committingOnlyAfter(commitEntered, letCommitEnd);
        TransactionalOutput async = new TransactionalOutput(() -> slow);
        async.init();
        ProducerRecord<byte[], byte[]> first = new ProducerRecord<>("out", 0, null, new byte[] {1});
        ProducerRecord<byte[], byte[]> second = new ProducerRecord<>("out", 0, null, new byte[] {2});
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5));

        async.accept(() -> first);
        CompletableFuture<Void> committing = async.commitAsync(offsets, GROUP);
        assertThat(commitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        async.accept(() -> second);
        assertThat(committing).as("the caller goes on while the commit waits for the broker").isNotDone();
        assertThat(async.pending()).as("the next transaction's").isEqualTo(1);

        letCommitEnd.countDown();
        committing.get(10, TimeUnit.SECONDS);
        assertThat(slow.history()).containsExactly(first);
        assertThat(slow.consumerGroupOffsetsHistory()).containsExactly(Map.of("g", offsets));
        async.commit(Map.of(), GROUP);
        assertThat(slow.history()).containsExactly(first, second);
        assertThat(slow.commitCount()).isEqualTo(2);
    }

    @Test
    void aFailedCommitIsAbortedWithWhatWasHandedOverAfterItAndNothingOfEitherIsWritten() {
        output.init();
        ProducerRecord<byte[], byte[]> later = new ProducerRecord<>("out", 0, null, new byte[] {2});
        output.accept(() -> RECORD);
        KafkaException failure = new KafkaException("the coordinator refused the offsets");
        producer.sendOffsetsToTransactionException = failure;
        CompletableFuture<Void> committing = output.commitAsync(Map.of(new TopicPartition("in", 0),
                new OffsetAndMetadata(1)), GROUP);
        output.accept(() -> later);

        assertThatThrownBy(() -> TransactionalOutput.await(committing)).isSameAs(failure);
        output.abort();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();

        producer.sendOffsetsToTransactionException = null;
        output.commit(Map.of(), GROUP);
        assertThat(producer.history()).as("the caller redoes what it handed over; the output keeps none of it")
                .isEmpty();
    }

    @Test
    void closingWhileACommitWaitsOnTheBrokerClosesTheProducerAnywayWithinTheTimeout() throws Exception {
        CountDownLatch commitEntered = new CountDownLatch(1);
        MockProducer<byte[], byte[]> stuck = committingOnlyAfter(commitEntered, new CountDownLatch(1));
        TransactionalOutput async = new TransactionalOutput(() -> stuck);
        async.init();
        async.accept(() -> RECORD);
        CompletableFuture<Void> committing = async.commitAsync(Map.of(), GROUP);
        assertThat(commitEntered.await(10, TimeUnit.SECONDS)).isTrue();

        async.close(Duration.ofMillis(100));

        assertThat(stuck.closed()).isTrue();
        assertThatThrownBy(() -> committing.get(10, TimeUnit.SECONDS)).as("interrupted, not left hanging")
                .hasCauseInstanceOf(InterruptException.class);
    }

    @Test
    void aResultIsBuiltOnTheProducersThreadNotTheCallers() {
        output.init();
        List<String> builtOn = new ArrayList<>();
        output.accept(() -> {
            builtOn.add(Thread.currentThread().getName());
            return RECORD;
        });
        assertThat(builtOn).as("not yet handed over: nothing built").isEmpty();
        output.commit(Map.of(), GROUP);
        assertThat(builtOn).containsExactly("groupsync-producer");
        assertThat(producer.history()).containsExactly(RECORD);
    }

    /**
     * A producer whose commit says it has begun and then waits for {@code release}, as KafkaProducer waits for the
     * broker: interruptibly, throwing Kafka's InterruptException.
     */
    private static MockProducer<byte[], byte[]> committingOnlyAfter(CountDownLatch entered, CountDownLatch release) {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new InterruptException(e);
                }
                super.commitTransaction();
            }
        };
    }
}
