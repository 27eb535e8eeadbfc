package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.GroupFold;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 1, as a process with a small heap: records near Kafka's 1 MB limit published while Tencent answers
 * only errors, then Tencent back. The worker must neither run out of memory nor stall: oversized fields are refused
 * at intake, and valid large records (here large in their headers, which a dead letter must keep) pause intake at
 * the byte cap until the outage ends.
 */
class LargeRecordsOutageProcessTest {

    private static final long APP = 1_400_000_012L;
    private static final String SECRET = "memory-test-secret";
    private static final int BIG_OPERATORS = 600;
    private static final int MANY_KEYS = 41;
    private static final int BIG_HEADERS = 600;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

    @TempDir
    Path home;

    @Test
    void largeRecordsDuringAnOutageNeitherRunTheWorkerOutOfMemoryNorLoseAnOutcome() throws Exception {
        String input = SharedKafka.uniqueTopic("mem-in");
        String results = SharedKafka.uniqueTopic("mem-results");
        String deadLetters = SharedKafka.uniqueTopic("mem-dlt");
        SharedKafka.createTopic(input, 4);
        SharedKafka.createTopic(results, 2);
        SharedKafka.createTopic(deadLetters, 1);
        List<GroupChange> refusedEdits = new ArrayList<>();
        for (int i = 0; i < BIG_OPERATORS; i++) {
            refusedEdits.add(edit("op-" + i, "g-op-" + i, "x".repeat(900_000), null));
        }
        for (int i = 0; i < MANY_KEYS; i++) {
            Map<String, String> custom = new HashMap<>();
            for (int k = 0; k < 166_000; k++) {
                custom.put(Integer.toString(k, 36), null);
            }
            refusedEdits.add(edit("keys-" + i, "g-keys-" + i, null, custom));
        }
        List<GroupChange> validEdits = new ArrayList<>();
        for (int i = 0; i < BIG_HEADERS; i++) {
            validEdits.add(edit("hdr-" + i, "g-hdr-" + i, "ops", null));
        }
        GroupFold fold = new GroupFold();
        validEdits.forEach(fold::apply);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        try (TencentEmulator tencent = new TencentEmulator(APP, "administrator", SECRET, EmulatorClock.system())) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.faults().share(Fault.SERVER_ERROR, 1.0);
            tencent.start();
            Path config = new WorkerYaml(SharedKafka.bootstrapServers())
                    .group(SharedKafka.uniqueTopic("mem-group"), "mem-1")
                    .topics(input, results, deadLetters)
                    .metricsPort(port)
                    .tencentRoute("tencent", tencent.baseUri(), APP, "administrator", SECRET, 200)
                    .write(home.resolve("groupsync.yaml"));
            try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker.log"), List.of("-Xmx256m"))
                    .start()) {
                Watch watch = new Watch(worker, port);
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleWithFixedDelay(watch::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                publish(input, refusedEdits, validEdits);
                // The vendor stays down until the worker has paused intake at the byte cap, the state under test.
                await().atMost(Duration.ofSeconds(60)).until(() -> watch.pauses > 0 || !worker.isAlive());
                tencent.faults().clear();
                int expected = refusedEdits.size() + validEdits.size();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> outcomes(results, deadLetters).size() >= expected || !worker.isAlive());
                sampler.shutdown();
                assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                watch.sample();
                System.out.println(watch.summary());
                assertThat(Files.readString(worker.log())).as("worker log").doesNotContain("OutOfMemoryError");
                assertThat(worker.isAlive()).as("worker alive; see " + worker.log()).isTrue();
                assertThat(watch.pauses).as("intake paused at the byte cap").isPositive();
                assertThat(watch.lastPaused).as("intake resumed once the vendor was back").isZero();

                Map<String, List<String>> outcomes = outcomes(results, deadLetters);
                assertThat(outcomes).as("events with an outcome").hasSize(expected);
                assertThat(outcomes.values()).as("one result per event, its only route")
                        .allMatch(o -> o.stream().filter(s -> !s.startsWith("DLT:")).count() == 1);
                refusedEdits.forEach(e -> assertThat(outcomes.get(e.getEventId().toString()))
                        .as(e.getEventId()).containsExactlyInAnyOrder("REJECTED", "DLT:INVALID_EVENT"));
                validEdits.forEach(e -> assertThat(outcomes.get(e.getEventId().toString()))
                        .as(e.getEventId()).containsExactly(SyncStatus.APPLIED.name()));
                assertThat(Convergence.tencent(fold, tencent)).isEmpty();
                assertThat(worker.stop(Duration.ofSeconds(30))).as("graceful exit code").isZero();
            }
        }
    }

    private static GroupChange edit(String eventId, String groupId, String operator, Map<String, String> custom) {
        return GroupChange.newBuilder().setEventId(eventId).setOccurredAt(Instant.now()).setGroupId(groupId)
                .setOperator(operator)
                .setPatch(GroupProfilePatch.newBuilder().setName("n-" + eventId).setCustomData(custom).build())
                .build();
    }

    /** The valid edits carry a 400 KB header each: large records a dead letter would have to keep whole. */
    private static void publish(String input, List<GroupChange> refused, List<GroupChange> valid) {
        byte[] trace = new byte[400_000];
        Arrays.fill(trace, (byte) 't');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            for (int i = 0; i < Math.max(refused.size(), valid.size()); i++) {
                if (i < refused.size()) {
                    producer.send(record(input, refused.get(i)));
                }
                if (i < valid.size()) {
                    ProducerRecord<byte[], byte[]> r = record(input, valid.get(i));
                    r.headers().add("trace", trace);
                    producer.send(r);
                }
            }
            producer.flush();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, GroupChange edit) {
        return new ProducerRecord<>(topic, edit.getGroupId().toString().getBytes(StandardCharsets.UTF_8),
                AvroCodec.groupChange().encode(edit));
    }

    /** Every event's outcomes: result statuses and dead-letter reasons ("DLT:" + reason). */
    private static Map<String, List<String>> outcomes(String results, String deadLetters) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(SharedKafka.consumerProps("mem-r"), results)) {
            SyncResult result = AvroCodec.syncResult().decode(r.value());
            out.computeIfAbsent(result.getEventId().toString(), k -> new ArrayList<>()).add(result.getStatus().name());
        }
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(SharedKafka.consumerProps("mem-d"),
                deadLetters)) {
            String eventId = header(r, "groupsync_dlt-event-id");
            if (eventId != null) {
                out.computeIfAbsent(eventId, k -> new ArrayList<>()).add("DLT:" + header(r, "groupsync_dlt-reason"));
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Samples the worker's metrics and /proc: peak heap, peak RSS, pauses. */
    private static final class Watch {
        private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([-0-9.eE+]+)$",
                Pattern.MULTILINE);
        private final WorkerProcess worker;
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI metrics;
        private final long started = System.nanoTime();
        private double peakHeap;
        private double peakPendingBytes;
        private volatile int pauses;
        private volatile double lastPaused;
        private long peakRssKib;
        private final List<String> transitions = new ArrayList<>();

        Watch(WorkerProcess worker, int port) {
            this.worker = worker;
            this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        }

        void sample() {
            try {
                String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double heap = 0;
                double paused = lastPaused;
                Matcher m = SAMPLE.matcher(text);
                while (m.find()) {
                    String labels = m.group(2) == null ? "" : m.group(2);
                    double value = Double.parseDouble(m.group(3));
                    switch (m.group(1)) {
                        case "jvm_memory_used_bytes" -> heap += labels.contains("area=\"heap\"") ? value : 0;
                        case "groupsync_intake_paused" -> paused = value;
                        case "groupsync_pending_bytes" -> peakPendingBytes = Math.max(peakPendingBytes, value);
                        default -> { }
                    }
                }
                peakHeap = Math.max(peakHeap, heap);
                if (paused != lastPaused) {
                    pauses += paused > 0 ? 1 : 0;
                    transitions.add((paused > 0 ? "paused" : "resumed") + " at "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
                    lastPaused = paused;
                }
            } catch (java.io.IOException notYet) {
                // The metrics port opens a moment after start; the next sample reads it.
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                String status = Files.readString(Path.of("/proc/" + worker.handle().pid() + "/status"));
                status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst().ifPresent(l ->
                        peakRssKib = Math.max(peakRssKib, Long.parseLong(l.replaceAll("[^0-9]", ""))));
            } catch (java.io.IOException gone) {
                // The worker has exited; the test says so.
            }
        }

        String summary() {
            return String.format("large records during an outage, -Xmx256m: peak heap %.1f MiB, peak pending bytes "
                            + "%.1f MiB, peak RSS %.1f MiB, intake pauses %d: %s", peakHeap / (1 << 20),
                    peakPendingBytes / (1 << 20), peakRssKib / 1024.0, pauses, transitions);
        }
    }
}
