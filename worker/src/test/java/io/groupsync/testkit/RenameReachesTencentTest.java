package io.groupsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edit published upstream reaches Tencent through groupsync: a broker, the Tencent emulator, the worker. */
class RenameReachesTencentTest {

    static final long APP = 1_400_000_001L;
    static final String ADMIN = "administrator";
    static final String SECRET = "a-test-secret";

    @TempDir
    Path dir;

    @Test
    void aGroupRenamedUpstreamIsRenamedAtTencent() throws Exception {
        String changes = SharedKafka.uniqueTopic("changes");
        String results = SharedKafka.uniqueTopic("results");
        String deadLetters = SharedKafka.uniqueTopic("dead-letters");
        for (String topic : List.of(changes, results, deadLetters)) {
            SharedKafka.createTopic(topic, 1);
        }

        try (TencentEmulator tencent = new TencentEmulator(APP, ADMIN, SECRET, EmulatorClock.system()).start()) {
            tencent.seedGroup("team-1", GroupType.PUBLIC);
            Path config = new WorkerYaml(SharedKafka.bootstrapServers())
                    .group(SharedKafka.uniqueTopic("groupsync"), "worker-1")
                    .topics(changes, results, deadLetters)
                    .tencentRoute("tencent", tencent.baseUri(), APP, ADMIN, SECRET, 50)
                    .write(dir.resolve("groupsync.yaml"));

            try (WorkerProcess worker = new WorkerProcess(config, dir.resolve("worker.log"), List.of()).start();
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
                GroupChange rename = GroupChange.newBuilder()
                        .setEventId("rename-1")
                        .setOccurredAt(Instant.now())
                        .setGroupId("team-1")
                        .setPatch(GroupProfilePatch.newBuilder().setName("Team One").build())
                        .build();
                producer.send(new ProducerRecord<>(changes, "team-1".getBytes(StandardCharsets.UTF_8),
                        AvroCodec.groupChange().encode(rename)));
                producer.flush();

                SyncResult result = awaitResult(results, Duration.ofSeconds(60));
                assertThat(result.getEventId()).isEqualTo("rename-1");
                assertThat(result.getStatus()).isEqualTo(SyncStatus.APPLIED);
                assertThat(tencent.group("team-1").name()).isEqualTo("Team One");
                assertThat(worker.stop(Duration.ofSeconds(30))).as("exit code").isZero();
            }
        }
    }

    /** The first outcome on the results topic (read_committed: the worker writes them in transactions). */
    static SyncResult awaitResult(String topic, Duration timeout) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.consumerProps("reader"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                if (!polled.isEmpty()) {
                    return AvroCodec.syncResult().decode(polled.iterator().next().value());
                }
            }
        }
        throw new AssertionError("no result on " + topic + " within " + timeout);
    }
}
