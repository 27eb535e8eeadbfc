package io.groupsync.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the worker relies on from any broker it is tested against: transactions commit and abort, and the
 * consumer's isolation level decides whether aborted records are visible. Each subclass supplies a broker.
 */
abstract class TransactionIsolationContract {

    static final List<String> COMMITTED = List.of("committed-1", "committed-2", "committed-3");
    static final List<String> ABORTED = List.of("aborted-1", "aborted-2");

    protected abstract String bootstrapServers();

    @Test
    void readCommittedConsumerSeesExactlyTheCommittedRecords() {
        String topic = commitAndAbortOnNewTopic(bootstrapServers());

        assertThat(values(KafkaClients.readToEnd(consumer(bootstrapServers(), "read_committed"), topic)))
                .containsExactlyInAnyOrderElementsOf(COMMITTED);
    }

    @Test
    void readUncommittedConsumerSeesTheAbortedRecordsToo() {
        String topic = commitAndAbortOnNewTopic(bootstrapServers());

        assertThat(values(KafkaClients.readToEnd(consumer(bootstrapServers(), "read_uncommitted"), topic)))
                .containsExactlyInAnyOrder("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
    }

    /** Commits {@link #COMMITTED} in two transactions with an aborted one holding {@link #ABORTED} between. */
    static String commitAndAbortOnNewTopic(String bootstrapServers) {
        String topic = KafkaClients.uniqueName("tx");
        KafkaClients.createTopic(bootstrapServers, topic, 3);
        Map<String, Object> props = KafkaClients.producerProps(bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaClients.uniqueName("tx-producer"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, topic, COMMITTED.subList(0, 2));
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, topic, ABORTED);
            producer.flush(); // the aborted records reach the log, so only the isolation level hides them
            producer.abortTransaction();
            producer.beginTransaction();
            send(producer, topic, COMMITTED.subList(2, 3));
            producer.commitTransaction();
        }
        return topic;
    }

    static Map<String, Object> consumer(String bootstrapServers, String isolationLevel) {
        Map<String, Object> props = KafkaClients.consumerProps(bootstrapServers, KafkaClients.uniqueName("reader"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        return props;
    }

    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<String> values) {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
