package io.groupsync.testkit.kafka;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same transaction contract against Testcontainers' Kafka; skipped on hosts without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerTest extends TransactionIsolationContract {

    @Container
    static final KafkaContainer KAFKA = SharedKafka.newContainer();

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
