package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.KafkaConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void aTransactionLeftOpenByADeadInstanceIsAbortedAfterTwentySecondsNotKafkasMinute() {
        KafkaConfig kafka = new KafkaConfig("localhost:9092", "g", "i", Map.of(), Map.of());
        assertThat(Worker.producerProperties(kafka).get("transaction.timeout.ms")).isEqualTo(20_000);
    }

    @Test
    void aTransactionTimeoutGivenInKafkaProducerIsKept() {
        KafkaConfig kafka = new KafkaConfig("localhost:9092", "g", "i", Map.of(),
                Map.of("transaction.timeout.ms", "45000"));
        assertThat(Worker.producerProperties(kafka).get("transaction.timeout.ms")).isEqualTo(45_000);
        assertThat(kafka.transactionTimeout()).hasSeconds(45);
    }
}
