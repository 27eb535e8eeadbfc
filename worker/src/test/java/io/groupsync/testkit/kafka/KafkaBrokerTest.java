package io.groupsync.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared broker honours transactions; a broker of its own survives a stop or a crash with its data. */
class KafkaBrokerTest extends TransactionIsolationContract {

    @Override
    protected String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }

    enum Shutdown { STOP, KILL }

    @ParameterizedTest(name = "after {0}")
    @EnumSource(Shutdown.class)
    void brokerRestartedOnItsLogDirKeepsCommittedRecordsAndAddress(Shutdown how, @TempDir Path dir) {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            String address = broker.bootstrapServers();
            String topic = commitAndAbortOnNewTopic(address);

            if (how == Shutdown.STOP) {
                broker.stop();
            } else {
                broker.kill();
            }
            assertThat(broker.isRunning()).isFalse();
            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThat(values(KafkaClients.readToEnd(consumer(address, "read_committed"), topic)))
                    .containsExactlyInAnyOrderElementsOf(COMMITTED);
        }
    }
}
