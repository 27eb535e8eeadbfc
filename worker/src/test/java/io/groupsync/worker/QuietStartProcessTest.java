package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaBroker;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 7: a fresh worker's first transactions on a fresh broker, the very start a new user sees, log no
 * WARN or ERROR in the worker and no ERROR in the broker. The client retries what a fresh broker refuses at first
 * (CONCURRENT_TRANSACTIONS, then OUT_OF_ORDER_SEQUENCE_NUMBER behind it), and a new user would read those lines as
 * failures. Its own broker, as only a fresh one shows it.
 */
class QuietStartProcessTest {

    private static final long APP = 1_400_000_031L;
    private static final String SECRET = "quiet-start-secret";
    private static final int EDITS = 400;

    @TempDir
    Path home;

    @Test
    void aNormalStartOnAFreshBrokerLogsNoWarningInTheWorkerAndNoErrorInTheBroker() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(home.resolve("kafka"));
             TencentEmulator tencent = new TencentEmulator(APP, "administrator", SECRET, EmulatorClock.system())) {
            String bootstrap = broker.bootstrapServers();
            KafkaClients.createTopic(bootstrap, "in", 3);
            KafkaClients.createTopic(bootstrap, "results", 2);
            KafkaClients.createTopic(bootstrap, "dead-letters", 1);
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.start();
            Path config = new WorkerYaml(bootstrap).group("quiet", "quiet-1")
                    .topics("in", "results", "dead-letters").commitInterval("100ms")
                    .tencentRoute("tencent", tencent.baseUri(), APP, "administrator", SECRET, 200)
                    .write(home.resolve("groupsync.yaml"));
            try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker.log"), List.of("-Xmx256m"))
                    .start()) {
                List<GroupChange> edits = new EditStream(31, 40, "quiet").next(EDITS);
                try (KafkaProducer<byte[], byte[]> producer =
                             new KafkaProducer<>(KafkaClients.producerProps(bootstrap))) {
                    for (GroupChange edit : edits) {
                        producer.send(new ProducerRecord<>("in", edit.getGroupId().getBytes(StandardCharsets.UTF_8),
                                AvroCodec.groupChange().encode(edit)));
                    }
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaClients.readToEnd(KafkaClients.consumerProps(bootstrap, "quiet-r"),
                                "results").size() >= EDITS || !worker.isAlive());
                assertThat(worker.stop(Duration.ofSeconds(30))).as("graceful exit; see " + worker.log()).isZero();
                assertThat(Files.readAllLines(worker.log())).as("worker WARN or ERROR lines")
                        .filteredOn(l -> l.contains("level=WARN") || l.contains("level=ERROR")).isEmpty();
            }
            assertThat(Files.readAllLines(KafkaBroker.logFile(broker.logDir()))).as("broker ERROR lines")
                    .filteredOn(l -> l.contains(" ERROR ")).isEmpty();
        }
    }
}
