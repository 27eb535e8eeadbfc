package io.groupsync.demo;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.emulator.CallLog;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaBroker;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on an embedded stack: a real KRaft broker, the vendor emulators and the worker as its own process;
 * a realistic stream of edits with a few poison pills; live progress; a summary with the convergence verdict.
 * Run by {@code scripts/demo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs groupsync end to end on loopback and checks that the vendors converge.")
public final class Demo implements Callable<Integer> {

    static final long SDK_APP_ID = 1_400_000_001L;
    static final String ADMIN = "administrator";

    @Option(names = "--events", description = "Edits to publish (default: ${DEFAULT-VALUE}).")
    int events = 20_000;

    @Option(names = "--groups", description = "Groups they spread over (default: ${DEFAULT-VALUE}).")
    int groups = 200;

    @Option(names = "--partitions", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--limit", description = "Tencent calls per second per API (default: ${DEFAULT-VALUE}).")
    int limit = 200;

    @Option(names = "--seed", description = "Seed of the edit stream (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--timeout", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 180;

    @Option(names = "--commit-interval", description = "The worker's commit interval (default: ${DEFAULT-VALUE}).")
    String commitInterval = "100ms";

    @Option(names = "--json", description = "Print the summary as one JSON line at the end.")
    boolean json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path home = Files.createTempDirectory("groupsync-demo-");
        String secret = UUID.randomUUID().toString();
        say("starting a Kafka broker (KRaft) in " + home);
        try (KafkaBroker broker = KafkaBroker.start(home.resolve("broker"));
             TencentEmulator tencent = new TencentEmulator(SDK_APP_ID, ADMIN, secret, Clock.system())) {
            tencent.setAutoCreate(true, GroupType.PUBLIC);
            tencent.limiter().setDefaultLimit(limit);
            tencent.start();
            say("broker at " + broker.bootstrapServers() + "; Tencent emulator at " + tencent.baseUri());
            Topics topics = new Topics("demo.changes", "demo.results", "demo.dead-letters");
            KafkaClients.createTopic(broker.bootstrapServers(), topics.input, partitions);
            KafkaClients.createTopic(broker.bootstrapServers(), topics.results, 3);
            KafkaClients.createTopic(broker.bootstrapServers(), topics.deadLetters, 1);
            Path config = writeConfig(home, broker.bootstrapServers(), topics, tencent, secret);
            try (WorkerProcess worker = new WorkerProcess(config, home.resolve("worker.log"), List.of("-Xmx512m"))
                    .start();
                 OutputReader outputs = new OutputReader(broker.bootstrapServers(), topics.results,
                         topics.deadLetters)) {
                say("worker started (log: " + worker.log() + ")");
                GroupFold fold = new GroupFold();
                int poison = publish(broker.bootstrapServers(), topics.input, fold);
                say("published " + events + " edits over " + groups + " groups, and " + poison + " poison pills");
                boolean complete = follow(outputs, tencent, worker, events, poison, started);
                int exit = worker.stop(Duration.ofSeconds(60));
                say("worker stopped with exit code " + exit);
                outputs.poll(Duration.ofMillis(500));
                List<String> differences = Convergence.tencent(fold, tencent);
                Summary summary = new Summary(events, outputs, tencent, limit, differences.isEmpty(),
                        (System.nanoTime() - started) / 1e9);
                differences.stream().limit(10).forEach(d -> say("  differs: " + d));
                summary.print(json);
                return complete && exit == 0 && differences.isEmpty() && outputs.duplicates() == 0 ? 0 : 1;
            }
        } finally {
            deleteRecursively(home);
        }
    }

    record Topics(String input, String results, String deadLetters) {
    }

    /** Publishes the edits with poison pills spread among them; returns how many pills went out. */
    private int publish(String bootstrap, String topic, GroupFold fold) {
        AvroCodec<GroupChange> codec = AvroCodec.groupChange();
        EditStream stream = new EditStream(seed, groups, "grp");
        List<byte[]> pills = List.of("not avro at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new byte[] {(byte) 0xC3, 0x01});
        int every = events / (pills.size() + 1);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producerProps(bootstrap))) {
            for (int i = 1; i <= events; i++) {
                GroupChange change = stream.next();
                fold.apply(change);
                byte[] key = change.getGroupId().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, codec.encode(change)));
                if (every > 0 && i % every == 0 && sent < pills.size()) {
                    producer.send(new ProducerRecord<>(topic, key, pills.get(sent++)));
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** Prints progress each second until every event has its outcome; false on timeout or a dead worker. */
    private boolean follow(OutputReader outputs, TencentEmulator tencent, WorkerProcess worker, int events,
                           int poison, long started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long nextLine = 0;
        while (outputs.results() < events || outputs.deadLetters() < poison) {
            if (!worker.isAlive()) {
                say("the worker exited early; see " + worker.log());
                return false;
            }
            if (System.nanoTime() > deadline) {
                say("timed out after " + timeoutSeconds + " s");
                return false;
            }
            outputs.poll(Duration.ofMillis(200));
            if (System.nanoTime() >= nextLine) {
                say(String.format(Locale.ROOT, "%6.1fs  events in %d  vendor calls %d  results %d  dead letters %d",
                        (System.nanoTime() - started) / 1e9, events, tencent.calls().count(), outputs.results(),
                        outputs.deadLetters()));
                nextLine = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
        }
        return true;
    }

    private Path writeConfig(Path home, String bootstrap, Topics topics, TencentEmulator tencent, String secret) {
        return new WorkerYaml(bootstrap)
                .group("groupsync-demo", "demo-1")
                .topics(topics.input, topics.results, topics.deadLetters)
                .commitInterval(commitInterval)
                .tencentRoute("tencent", tencent.baseUri(), SDK_APP_ID, ADMIN, secret, limit)
                .write(home.resolve("groupsync.yaml"));
    }

    static void say(String line) {
        System.err.println("demo: " + line);
    }

    /** What the run shows, for people and for scripts. */
    record Summary(int events, int results, int deadLetters, long duplicates, Map<String, Map<String, Object>> routes,
                   boolean converged, double seconds) {

        Summary(int events, OutputReader outputs, TencentEmulator tencent, int limit, boolean converged,
                double seconds) {
            this(events, outputs.results(), outputs.deadLetters(), outputs.duplicates(),
                    Map.of("tencent", route(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, limit)),
                    converged, seconds);
        }

        static Map<String, Object> route(CallLog calls, String api, int limit) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("vendorCalls", calls.count());
            out.put("busiestSecond", calls.busiestSecond(api));
            out.put("limit", limit);
            out.put("throttled", calls.throttled());
            long[] arrivals = calls.of(api).stream().mapToLong(c -> c.arrivalNanos()).sorted().toArray();
            double span = arrivals.length < 2 ? 0 : (arrivals[arrivals.length - 1] - arrivals[0]) / 1e9;
            out.put("limitUse", span < 1 ? null : Math.round(1000.0 * arrivals.length / span / limit) / 1000.0);
            return out;
        }

        void print(boolean asJson) {
            List<String> routeLines = new ArrayList<>();
            routes.forEach((name, figures) -> routeLines.add(name + " " + figures));
            say(String.format(Locale.ROOT, "summary: %d events, %d results, %d dead letters, %d duplicates, "
                    + "converged=%s, %.1f s", events, results, deadLetters, duplicates, converged, seconds));
            routeLines.forEach(l -> say("  route " + l));
            if (asJson) {
                System.out.println(toJson());
            }
        }

        String toJson() {
            try {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("events", events);
                out.put("results", results);
                out.put("deadLetters", deadLetters);
                out.put("duplicates", duplicates);
                out.put("routes", routes);
                out.put("converged", converged);
                out.put("seconds", Math.round(seconds * 10) / 10.0);
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
