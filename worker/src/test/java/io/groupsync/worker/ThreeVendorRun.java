package io.groupsync.worker;

import static io.groupsync.worker.BadInputCorpus.OPENIM;
import static io.groupsync.worker.BadInputCorpus.RONG;
import static io.groupsync.worker.BadInputCorpus.TENCENT;

import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.GroupState;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * One run of the worker as its own process (the CLI on the test classpath, as {@link WorkerCrashTest} runs it)
 * against the shared broker and the three vendor emulators, with real-looking secrets read from files: good edits
 * with every kind of {@link BadInputCorpus} between them. Run once per test JVM and shared by the suites that
 * judge it (bad input, secrets); it ends with the worker stopped by SIGTERM and everything it wrote read back.
 */
final class ThreeVendorRun {

    /** A record as published, and where it landed. {@code kind} is null for a good edit. */
    record Published(BadInputCorpus.Kind kind, BadInputCorpus.Sent sent, int partition, long offset) {
    }

    private static final long APP = 1_400_000_321L;
    private static final String ADMIN = "administrator";
    private static final String OPENIM_ADMIN = "imAdmin";
    private static final String RONG_APP_KEY = "pvxdm17jpe5wr";
    private static final int GOOD_GROUPS = 40;
    private static ThreeVendorRun shared;
    private static Exception failure;

    private final EditStream goodEdits = new EditStream(31, GOOD_GROUPS, "good");

    final String input = SharedKafka.uniqueTopic("bad-in");
    final String results = SharedKafka.uniqueTopic("bad-results");
    final String deadLetters = SharedKafka.uniqueTopic("bad-dlt");
    final List<BadInputCorpus.Kind> kinds = new BadInputCorpus().kinds();
    final List<Published> published = new ArrayList<>();
    final Map<String, String> secrets = new TreeMap<>();
    /** The credentials the worker actually sent, as the emulators saw them: kind → values. */
    final Map<String, Set<String>> sentCredentials = new ConcurrentHashMap<>();
    final TencentEmulator tencent;
    final OpenImEmulator openIm;
    final RongCloudEmulator rong;
    List<SyncResult> resultValues;
    List<ConsumerRecord<byte[], byte[]>> resultRecords;
    List<ConsumerRecord<byte[], byte[]>> deadLetterRecords;
    String log;
    boolean aliveAtTheEnd;
    int exitCode;

    /** The run, started on first use; a failed run fails every suite that asks for it, without running again. */
    static synchronized ThreeVendorRun shared() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the shared run failed earlier in this JVM", failure);
        }
        if (shared == null) {
            try {
                ThreeVendorRun run = new ThreeVendorRun();
                run.run();
                shared = run;
            } catch (Exception e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }

    private ThreeVendorRun() {
        // Shaped like the real ones: Tencent's 64 hex digits, an OpenIM server secret, RongCloud's 14-character one.
        secrets.put("Tencent secret key", randomHex(32));
        secrets.put("OpenIM secret", "oIMsk" + randomHex(12));
        secrets.put("RongCloud app secret", "Rc" + randomHex(6));
        tencent = new TencentEmulator(APP, ADMIN, secrets.get("Tencent secret key"), EmulatorClock.system());
        tencent.setAutoCreate(true, GroupType.PUBLIC);
        tencent.seedGroup(BadInputCorpus.TENCENT_AVCHATROOM, GroupType.AV_CHAT_ROOM);
        openIm = new OpenImEmulator(EmulatorClock.system(), secrets.get("OpenIM secret"), OPENIM_ADMIN);
        // OpenIM custom data is read before it is merged, and a read never auto-creates: every group exists there
        // before its first edit, as it would in production.
        openIm.setAutoCreate(true);
        for (int g = 0; g < GOOD_GROUPS; g++) {
            openIm.seedGroup(goodEdits.groupId(g));
        }
        kinds.stream().flatMap(k -> k.records().stream()).map(BadInputCorpus.Sent::groupId)
                .filter(id -> id != null && !id.isEmpty()).distinct().forEach(openIm::seedGroup);
        openIm.dismissGroup(BadInputCorpus.OPENIM_DISMISSED);
        rong = new RongCloudEmulator(RONG_APP_KEY, secrets.get("RongCloud app secret"), EmulatorClock.system());
        rong.setAutoCreate(true);
        GroupState full = GroupState.created(BadInputCorpus.RONG_FULL_OF_EXT, "full");
        Map<String, String> ext = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            ext.put("ext_k" + i, "v" + i);
        }
        rong.backend().seedGroup(new GroupState(full.groupId(), full.groupProfile(), full.permissions(),
                new TreeMap<>(ext)));
        capture(tencent, "Tencent UserSig", r -> r.query().get("usersig"));
        capture(openIm, "OpenIM admin token", r -> r.header("token"));
        capture(rong, "RongCloud signature", r -> r.header("Signature"));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void capture(VendorEmulator emulator, String kind, Function<EmulatorRequest, String> credential) {
        Set<String> seen = sentCredentials.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet());
        emulator.tap(request -> {
            String value = credential.apply(request);
            if (value != null && !value.isEmpty()) {
                seen.add(value);
            }
        });
    }

    private void run() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "process-runs", input)).toAbsolutePath();
        // The 1 MB kind needs an input topic that takes it; the worker's own topics and producer keep the defaults.
        KafkaClients.createTopic(SharedKafka.bootstrapServers(), input, 3,
                Map.of("max.message.bytes", Integer.toString(2 * BadInputCorpus.ONE_MB)));
        SharedKafka.createTopic(results, 2);
        SharedKafka.createTopic(deadLetters, 1);
        try (tencent; openIm; rong) {
            tencent.start();
            openIm.start();
            rong.start();
            Path config = new WorkerYaml(SharedKafka.bootstrapServers())
                    .group(SharedKafka.uniqueTopic("bad-group"), "bad-input-1")
                    .topics(input, results, deadLetters)
                    .tencentRoute(TENCENT, tencent.baseUri(), APP, ADMIN, secretFile(home, "Tencent secret key"), 200)
                    .openImRoute(OPENIM, openIm.baseUri(), OPENIM_ADMIN, secretFile(home, "OpenIM secret"), 100)
                    .rongCloudRoute(RONG, rong.baseUri(), RONG_APP_KEY, secretFile(home, "RongCloud app secret"), 100)
                    .write(home.resolve("groupsync.yaml"));
            // The production logging configuration, not the test classpath's: the secrets suite reads what ops would.
            try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker.log"),
                    List.of("-Xmx384m", "-Dlogback.configurationFile=logback.xml")).start()) {
                publish();
                awaitOutputs(worker);
                aliveAtTheEnd = worker.isAlive();
                exitCode = worker.stop(Duration.ofSeconds(30));
                log = Files.readString(worker.log());
            }
        }
        resultRecords = KafkaClients.readToEnd(SharedKafka.consumerProps("bad-results-reader"), results);
        deadLetterRecords = KafkaClients.readToEnd(SharedKafka.consumerProps("bad-dlt-reader"), deadLetters);
        resultValues = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : resultRecords) {
            resultValues.add(AvroCodec.syncResult().decode(record.value()));
        }
        sentCredentials.computeIfAbsent("OpenIM admin token", k -> ConcurrentHashMap.newKeySet())
                .addAll(openIm.issuedTokens());
    }

    private String secretFile(Path home, String name) throws IOException {
        Path file = home.resolve("secrets").resolve(name.replace(' ', '-'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, secrets.get(name) + "\n");
        return "${file:" + file + "}";
    }

    /** Good edits, then each kind in turn with more good edits after it, so every bad record has good neighbours. */
    private void publish() throws Exception {
        List<GroupChange> good = goodEdits.next(20 * (kinds.size() + 1));
        Map<String, Object> props = SharedKafka.producerProps();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * BadInputCorpus.ONE_MB);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<Published> pending = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i <= kinds.size(); i++) {
                for (GroupChange edit : good.subList(20 * i, 20 * (i + 1))) {
                    BadInputCorpus.Sent record = new BadInputCorpus.Sent(edit.getGroupId().getBytes(
                            StandardCharsets.UTF_8), AvroCodec.groupChange().encode(edit), List.of(), edit.getGroupId(),
                            edit);
                    send(producer, null, record, sent, pending);
                }
                if (i < kinds.size()) {
                    for (BadInputCorpus.Sent record : kinds.get(i).records()) {
                        send(producer, kinds.get(i), record, sent, pending);
                    }
                }
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata at = sent.get(i).get();
                Published p = pending.get(i);
                published.add(new Published(p.kind(), p.sent(), at.partition(), at.offset()));
            }
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, BadInputCorpus.Kind kind, BadInputCorpus.Sent record,
                      List<Future<RecordMetadata>> sent, List<Published> pending) {
        sent.add(producer.send(new ProducerRecord<>(input, null, record.key(), record.value(),
                List.<Header>copyOf(record.headers()))));
        pending.add(new Published(kind, record, -1, -1));
    }

    int expectedResults() {
        return (int) published.stream().mapToLong(p -> p.kind() == null ? BadInputCorpus.ROUTES.size()
                : p.kind().outcomes().stream().filter(o -> o.status() != null).count()).sum();
    }

    int expectedDeadLetters() {
        return (int) published.stream().filter(p -> p.kind() != null)
                .mapToLong(p -> p.kind().outcomes().stream().filter(o -> o.deadLetterReason() != null).count()).sum();
    }

    /** Reads what the worker commits until every expected outcome is there; the verdict reads it all again. */
    private void awaitOutputs(WorkerProcess worker) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int seenResults = 0;
        int seenDeadLetters = 0;
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(SharedKafka.consumerProps(
                SharedKafka.uniqueTopic("bad-await")))) {
            reader.subscribe(List.of(results, deadLetters));
            while (seenResults < expectedResults() || seenDeadLetters < expectedDeadLetters()) {
                if (!worker.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("after " + seenResults + " of " + expectedResults()
                            + " results and " + seenDeadLetters + " of " + expectedDeadLetters() + " dead letters the "
                            + "worker is " + (worker.isAlive() ? "still running" : "gone") + "; see " + worker.log());
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(results)) {
                        seenResults++;
                    } else {
                        seenDeadLetters++;
                    }
                }
            }
        }
    }
}
