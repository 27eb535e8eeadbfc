package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as its own process, killed with -9 mid-stream and restarted: no event is left without an outcome and
 * none gets two (read_committed), and the vendor converges.
 */
class WorkerCrashTest {

    private static final long APP = 1_400_000_077L;
    private static final String SECRET = "crash-test-secret";

    @TempDir
    Path home;

    @Test
    void killedHardAndRestartedItNeitherLosesNorRepeatsAnOutcome() throws Exception {
        String input = SharedKafka.uniqueTopic("crash-in");
        String results = SharedKafka.uniqueTopic("crash-results");
        String deadLetters = SharedKafka.uniqueTopic("crash-dlt");
        SharedKafka.createTopic(input, 4);
        SharedKafka.createTopic(results, 2);
        SharedKafka.createTopic(deadLetters, 1);
        List<GroupChange> edits = new EditStream(21, 300, "crash").next(6_000);
        GroupFold fold = new GroupFold();
        edits.forEach(fold::apply);

        try (TencentEmulator tencent = new TencentEmulator(APP, "administrator", SECRET, EmulatorClock.system())) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.start();
            // A low limit keeps the worker busy long enough to be killed mid-stream, with calls in flight.
            Path config = new WorkerYaml(SharedKafka.bootstrapServers())
                    .group(SharedKafka.uniqueTopic("crash-group"), "crash-1")
                    .topics(input, results, deadLetters)
                    .commitInterval("200ms")
                    .consumer("session.timeout.ms", "10000")
                    .tencentRoute("tencent", tencent.baseUri(), APP, "administrator", SECRET, 40)
                    .write(home.resolve("groupsync.yaml"));
            Random random = new Random(4);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
                int published = 0;
                for (int life = 1; life <= 3; life++) {
                    try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker-" + life + ".log"),
                            List.of("-Xmx256m")).start()) {
                        int upTo = edits.size() * life / 3;
                        for (; published < upTo; published++) {
                            GroupChange edit = edits.get(published);
                            producer.send(new ProducerRecord<>(input, edit.getGroupId().getBytes(StandardCharsets.UTF_8),
                                    AvroCodec.groupChange().encode(edit)));
                        }
                        producer.flush();
                        int callsBefore = tencent.calls().count();
                        awaitCalls(tencent, worker, callsBefore + 20 + random.nextInt(80));
                        worker.kill();
                    }
                }
            }
            try (WorkerProcess last = new WorkerProcess(config, home.resolve("worker-last.log"), List.of("-Xmx256m"))
                    .start()) {
                awaitResults(results, edits.size(), last);
                assertThat(last.stop(Duration.ofSeconds(30))).as("graceful exit code").isZero();
                List<SyncResult> seen = readResults(results);
                Map<String, Long> perEvent = seen.stream()
                        .collect(Collectors.groupingBy(SyncResult::getEventId, Collectors.counting()));
                assertThat(perEvent).as("events with an outcome").hasSize(edits.size());
                assertThat(perEvent.values()).as("outcomes per event").containsOnly(1L);
            }
            assertThat(Convergence.tencent(fold, tencent)).isEmpty();
            assertThat(KafkaClients.readToEnd(SharedKafka.consumerProps("crash-dlt-reader"), deadLetters)).isEmpty();
        }
    }

    /** Waits until the vendor has seen {@code calls} calls, so the kill lands while the worker is busy. */
    private static void awaitCalls(TencentEmulator tencent, WorkerProcess worker, int calls) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tencent.calls().count() < calls) {
            assertThat(worker.isAlive()).as("worker alive; see " + worker.log()).isTrue();
            assertThat(System.nanoTime()).as("calls reached in time").isLessThan(deadline);
            tencent.calls().awaitCount(calls, Duration.ofMillis(200));
        }
    }

    private static void awaitResults(String results, int expected, WorkerProcess worker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            long distinct = readResults(results).stream().map(SyncResult::getEventId).distinct().count();
            if (distinct >= expected) {
                return;
            }
            assertThat(worker.isAlive()).as("worker alive; see " + worker.log()).isTrue();
            assertThat(System.nanoTime()).as("all " + expected + " outcomes in time, have " + distinct)
                    .isLessThan(deadline);
            worker.awaitExit(Duration.ofMillis(500));
        }
    }

    private static List<SyncResult> readResults(String results) throws Exception {
        List<SyncResult> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(SharedKafka.consumerProps("crash-reader"),
                results)) {
            decoded.add(AvroCodec.syncResult().decode(r.value()));
        }
        return decoded;
    }
}
