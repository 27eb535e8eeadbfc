package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
        output.accept(RECORD);
        // What a producer throws from every send once one send of the transaction failed.
        KafkaException failure = new KafkaException("Cannot execute transactional method because we are in an error "
                + "state", new RecordTooLargeException("too large"));
        producer.sendException = failure;
        assertThatCode(() -> output.accept(RECORD)).doesNotThrowAnyException();
        assertThatCode(() -> output.accept(RECORD)).doesNotThrowAnyException();
        assertThat(output.pending()).as("a commit is due, so that the failure comes out").isEqualTo(3);

        assertThatThrownBy(() -> output.commit(Map.of(), GROUP)).isSameAs(failure);
        assertThat(producer.transactionCommitted()).isFalse();
        output.abort();
        assertThat(producer.transactionAborted()).isTrue();

        producer.sendException = null;
        output.accept(RECORD);
        output.commit(Map.of(), GROUP);
        assertThat(producer.transactionCommitted()).isTrue();
    }
}
