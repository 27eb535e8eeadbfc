package io.groupsync.testkit.demo;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.testkit.kafka.KafkaBroker;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The main job on an embedded stack: a real KRaft broker, an emulator per vendor and the worker as its own process
 * with a route per vendor; a realistic stream of group and member edits with a few poison pills; live progress; a
 * summary per route with the convergence verdict. Run by {@code scripts/demo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs groupsync end to end on loopback and checks that the vendors converge.")
public final class Demo implements Callable<Integer> {

    @Option(names = "--events", description = "Edits to publish (default: ${DEFAULT-VALUE}).")
    int events = 20_000;

    @Option(names = "--groups", description = "Groups they spread over (default: ${DEFAULT-VALUE}).")
    int groups = 200;

    @Option(names = "--partitions", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--limit", description = "Calls per second per API on every route and its emulator "
            + "(default: each vendor's own: Tencent 200, OpenIM 100, RongCloud 100).")
    Integer limit;

    @Option(names = "--routes", split = ",", defaultValue = "tencent,openim,rongcloud",
            description = "Routes to run, one per vendor, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> routes;

    @Option(names = "--seed", description = "Seed of the edit stream (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--timeout", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 180;

    @Option(names = "--commit-interval", description = "The worker's commit interval (default: ${DEFAULT-VALUE}).")
    String commitInterval = "100ms";

    @Option(names = "--json", description = "Print the summary as one JSON line at the end.")
    boolean json;

    @Option(names = "--keep-logs", description = "Keep the worker's and the broker's logs after a run that passed "
            + "(a failed run always keeps them).")
    boolean keepLogs;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Before the first logger: the Kafka clients of this JVM would otherwise log at DEBUG onto the summary.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", Demo.class.getResource("demo-logback.xml").toString());
        }
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        List<DemoRoute<?>> vendors = vendors();
        Path home = Files.createTempDirectory("groupsync-demo-");
        say("starting a Kafka broker (KRaft) in " + home);
        int exit = 1;
        try {
            exit = run(started, vendors, home);
            return exit;
        } finally {
            if (exit == 0 && !keepLogs) {
                deleteRecursively(home);
            } else {
                // What a failed run leaves is what explains it: the logs stay, and the user is told where.
                say("logs kept: " + home.resolve("worker.log") + " and " + KafkaBroker.logFile(home.resolve("broker"))
                        + " (delete " + home + " when done)");
            }
        }
    }

    private int run(long started, List<DemoRoute<?>> vendors, Path home) throws Exception {
        try (AutoCloseable emulators = () -> vendors.forEach(DemoRoute::close);
             KafkaBroker broker = KafkaBroker.start(home.resolve("broker"))) {
            // Now as the time base: mutes count from occurredAt, so they end during the run or outlast it.
            EditStream stream = new EditStream(seed, groups, "grp", EditStream.Mix.EVERYTHING, Instant.now());
            vendors.forEach(v -> v.start(stream));
            say("broker at " + broker.bootstrapServers() + "; " + String.join(", ",
                    vendors.stream().map(v -> v.name + " emulator at " + v.emulator.baseUri()).toList()));
            Topics topics = new Topics("demo.changes", "demo.results", "demo.dead-letters");
            KafkaClients.createTopic(broker.bootstrapServers(), topics.input, partitions);
            KafkaClients.createTopic(broker.bootstrapServers(), topics.results, 3);
            KafkaClients.createTopic(broker.bootstrapServers(), topics.deadLetters, 1);
            Path config = writeConfig(home, broker.bootstrapServers(), topics, vendors);
            // The worker exactly as it ships: scripts/demo builds the jar and names it in groupsync.worker.jar.
            try (WorkerProcess worker = WorkerProcess.packaged(config, home.resolve("worker.log"),
                    List.of("-Xmx512m")).start();
                 OutputReader outputs = new OutputReader(broker.bootstrapServers(), topics.results,
                         topics.deadLetters)) {
                say("worker started with routes " + routes + " (log: " + worker.log() + ")");
                GroupFold fold = new GroupFold();
                Published published = publish(broker.bootstrapServers(), topics.input, stream, fold, vendors);
                say("published " + events + " edits over " + groups + " groups (" + stream.memberIds().size()
                        + " members each), and " + published.poison + " poison pills");
                boolean complete = follow(outputs, vendors, worker, events * vendors.size(),
                        published.poison + published.rejected, started);
                int exit = worker.stop(Duration.ofSeconds(60));
                say("worker stopped with exit code " + exit);
                outputs.poll(Duration.ofMillis(500));
                Map<String, List<String>> differences = new LinkedHashMap<>();
                for (DemoRoute<?> vendor : vendors) {
                    differences.put(vendor.name, vendor.differences(fold));
                    differences.get(vendor.name).stream().limit(10).forEach(d -> say("  " + vendor.name
                            + " differs: " + d));
                }
                int warnings = LogCheck.warnings(worker.log(), KafkaBroker.logFile(broker.logDir()));
                Summary summary = Summary.of(events, outputs, vendors, differences, warnings,
                        (System.nanoTime() - started) / 1e9);
                summary.print(json);
                return complete && exit == 0 && summary.converged() && outputs.duplicates() == 0
                        && outputs.unreadable() == 0 && warnings == 0 ? 0 : 1;
            }
        }
    }

    record Topics(String input, String results, String deadLetters) {
    }

    /** What went out: poison pills, and events some route rejects (each a dead letter on that route). */
    record Published(int poison, int rejected) {
    }

    private List<DemoRoute<?>> vendors() {
        if (routes.isEmpty() || !DemoRoute.NAMES.containsAll(routes)
                || new LinkedHashSet<>(routes).size() != routes.size()) {
            throw new ParameterException(spec.commandLine(), "--routes: each of " + DemoRoute.NAMES
                    + " at most once, not " + routes);
        }
        List<DemoRoute<?>> out = new ArrayList<>();
        routes.forEach(name -> out.add(DemoRoute.create(name, limit, UUID.randomUUID().toString())));
        return out;
    }

    /** Publishes the edits with poison pills spread among them, folding each as it goes. */
    private Published publish(String bootstrap, String topic, EditStream stream, GroupFold fold,
                              List<DemoRoute<?>> vendors) {
        AvroCodec<GroupChange> codec = AvroCodec.groupChange();
        List<byte[]> pills = List.of("not avro at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new byte[] {(byte) 0xC3, 0x01});
        int every = events / (pills.size() + 1);
        int sent = 0;
        int rejected = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producerProps(bootstrap))) {
            for (int i = 1; i <= events; i++) {
                GroupChange change = stream.next();
                fold.apply(change);
                rejected += (int) vendors.stream().filter(v -> v.rejects(change)).count();
                byte[] key = change.getGroupId().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, codec.encode(change)));
                if (every > 0 && i % every == 0 && sent < pills.size()) {
                    producer.send(new ProducerRecord<>(topic, key, pills.get(sent++)));
                }
            }
            producer.flush();
        }
        return new Published(sent, rejected);
    }

    /** Prints progress each second until every event has its outcomes; false on timeout or a dead worker. */
    private boolean follow(OutputReader outputs, List<DemoRoute<?>> vendors, WorkerProcess worker,
                           int expectedResults, int expectedDeadLetters, long started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long nextLine = 0;
        while (outputs.results() < expectedResults || outputs.deadLetters() < expectedDeadLetters) {
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
                int calls = vendors.stream().mapToInt(v -> v.emulator.calls().count()).sum();
                say(String.format(Locale.ROOT, "%6.1fs  events in %d  vendor calls %d  results %d of %d  "
                                + "dead letters %d", (System.nanoTime() - started) / 1e9, events, calls,
                        outputs.results(), expectedResults, outputs.deadLetters()));
                nextLine = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
        }
        return true;
    }

    private Path writeConfig(Path home, String bootstrap, Topics topics, List<DemoRoute<?>> vendors) {
        WorkerYaml yaml = new WorkerYaml(bootstrap)
                .group("groupsync-demo", "demo-1")
                .topics(topics.input, topics.results, topics.deadLetters)
                .commitInterval(commitInterval);
        vendors.forEach(v -> v.addTo(yaml));
        return yaml.write(home.resolve("groupsync.yaml"));
    }

    static void say(String line) {
        System.err.println("demo: " + line);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
