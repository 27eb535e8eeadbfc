package io.groupsync.ops;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.CliRun;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * The three vendor emulators, the worker as its own process on topics of its own, and the ops commands run as the
 * processes an operator would start: for the replay and tail tests.
 */
final class OpsStack implements AutoCloseable {

    static final String TENCENT = "tencent";
    static final String OPENIM = "openim";
    static final String RONG = "rong";
    private static final long APP = 1_400_000_913L;
    private static final String ADMIN = "administrator";
    private static final String TENCENT_SECRET = "tencent-secret-key-0123456789abcdef";
    private static final String OPENIM_SECRET = "openim-s3cret";
    private static final String RONG_KEY = "rongappkey";
    private static final String RONG_SECRET = "rong-app-secret";

    final String input = SharedKafka.uniqueTopic("ops-in");
    final String results = SharedKafka.uniqueTopic("ops-results");
    final String deadLetters = SharedKafka.uniqueTopic("ops-dlt");
    final String parked = deadLetters + ".parked";
    final TencentEmulator tencent = new TencentEmulator(APP, ADMIN, TENCENT_SECRET, EmulatorClock.system());
    final OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), OPENIM_SECRET);
    final RongCloudEmulator rong = new RongCloudEmulator(RONG_KEY, RONG_SECRET, EmulatorClock.system());
    final Path home;
    final Path config;
    private final Map<Process, Path> logs = new ConcurrentHashMap<>();
    private WorkerProcess worker;
    private int runs;

    /** @param dispatch {@code dispatch.*} settings of the worker, e.g. its retry budget */
    OpsStack(Map<String, String> dispatch) throws IOException {
        home = Files.createDirectories(Path.of("target", "process-runs", input)).toAbsolutePath();
        SharedKafka.createTopic(input, 2);
        SharedKafka.createTopic(results, 1);
        SharedKafka.createTopic(deadLetters, 1);
        SharedKafka.createTopic(parked, 1);
        openIm.setAutoCreate(true);
        rong.setAutoCreate(true);
        tencent.start();
        openIm.start();
        rong.start();
        WorkerYaml yaml = new WorkerYaml(SharedKafka.bootstrapServers())
                .group(SharedKafka.uniqueTopic("ops-group"), "ops-1")
                .topics(input, results, deadLetters)
                .tencentRoute(TENCENT, tencent.baseUri(), APP, ADMIN, TENCENT_SECRET, 200)
                .openImRoute(OPENIM, openIm.baseUri(), OpenImEmulator.DEFAULT_ADMIN_USER_ID, OPENIM_SECRET, 100)
                .rongCloudRoute(RONG, rong.baseUri(), RONG_KEY, RONG_SECRET, 100);
        dispatch.forEach(yaml::dispatch);
        config = yaml.write(home.resolve("groupsync.yaml"));
    }

    void startWorker() {
        worker = new WorkerProcess(config, home.resolve("worker-" + (++runs) + ".log"), List.of("-Xmx256m")).start();
    }

    void stopWorker() throws InterruptedException {
        int exit = worker.stop(Duration.ofSeconds(30));
        if (exit != 0) {
            throw new IllegalStateException("the worker exited " + exit + "; see " + worker.log());
        }
    }

    static GroupChange rename(String eventId, String groupId, String name, Instant at) {
        return GroupChange.newBuilder().setEventId(eventId).setOccurredAt(at).setGroupId(groupId)
                .setPatch(GroupProfilePatch.newBuilder().setName(name).build()).build();
    }

    static ProducerRecord<byte[], byte[]> record(String topic, GroupChange event, String key) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), AvroCodec.groupChange().encode(event));
    }

    void publish(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return KafkaClients.readToEnd(SharedKafka.consumerProps(SharedKafka.uniqueTopic("ops-reader")), topic);
    }

    /** Waits until the topic holds {@code count} committed records, the worker still running. */
    void awaitCount(String topic, int count) {
        Awaitility.await(topic + " holding " + count + " records; see " + home).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (worker != null && !worker.isAlive()) {
                        throw new IllegalStateException("the worker is gone; see " + worker.log());
                    }
                    return read(topic).size() >= count;
                });
    }

    /** The end of the topic's first partition as a read_committed reader sees it: its last stable offset. */
    long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.consumerProps(
                SharedKafka.uniqueTopic("ops-end")))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
        }
    }

    /** The committed offsets of a consumer group. */
    Map<TopicPartition, OffsetAndMetadata> offsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
    }

    CliRun groupsync(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return CliRun.of(home.resolve("cli-" + (++runs)), Map.of(), Duration.ofMinutes(2), all.toArray(String[]::new));
    }

    /** What a process of {@link #start} has printed so far, standard error with standard output. */
    String log(Process process) throws IOException {
        return Files.readString(logs.get(process));
    }

    /** A {@code groupsync} command started and left running, for a test to kill. */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), "io.groupsync.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        Path log = home.resolve("started-" + (++runs) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        logs.put(process, log);
        return process;
    }

    /** {@code groupsync …args | jq filter}, through a shell, as an operator would type it. */
    String piped(String jqFilter, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String line = "\"$JAVA\" -Xmx128m -cp \"$CP\" io.groupsync.cli.Main " + String.join(" ", args)
                + " --config \"$CONFIG\" | /usr/bin/jq -r '" + jqFilter + "'";
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", line)
                .redirectError(home.resolve("piped-" + (++runs) + ".err").toFile());
        builder.environment().putAll(Map.of("JAVA", java, "CP", System.getProperty("java.class.path"),
                "CONFIG", config.toString()));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(line + " failed; see " + home);
        }
        return out;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        tencent.close();
        openIm.close();
        rong.close();
    }
}
