package io.groupsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.CallLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmarks: each scenario on the real KRaft broker and the vendor emulators, the worker as its own process,
 * figures taken from what the emulators received and what a {@code read_committed} reader sees, reported as ratios
 * against the targets. Run by {@code scripts/bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the benchmark scenarios (all by default), prints a table, writes JSON and PNG charts.")
public final class Bench implements Callable<Integer> {

    /** Each scenario by name, in the order a full run takes them. */
    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("drain", Drain::run);
        SCENARIOS.put("peer-drain", Drain::peers);
        SCENARIOS.put("distinct", Distinct::run);
        SCENARIOS.put("throughput", Throughput::run);
        SCENARIOS.put("latency", Latency::run);
        SCENARIOS.put("memory", Memory::run);
        SCENARIOS.put("footprint", Footprint::run);
        SCENARIOS.put("fanout", Fanout::run);
        SCENARIOS.put("scaleout", ScaleOut::run);
        SCENARIOS.put("bucket-cost", BucketCost::run);
    }

    @FunctionalInterface
    interface Scenario {
        void run(Bench bench, Report report) throws Exception;
    }

    @Parameters(arity = "0..*", paramLabel = "SCENARIO",
            description = "drain, peer-drain, distinct, throughput, latency, memory, footprint, fanout, scaleout, "
                    + "bucket-cost (default: all).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE",
            description = "One JSON object per scenario (default: OUT/bench.json).")
    Path json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Charts, JSON, flight recordings (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-out");

    @Option(names = "--scale",
            description = "Multiplies every event count, for a quick look (default: ${DEFAULT-VALUE}).")
    double scale = 1.0;

    @Option(names = "--seed", description = "Seed of the edit streams (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--limit", description = "Tencent calls per second per API (default: ${DEFAULT-VALUE}).")
    int limit = 200;

    @Option(names = "--partitions", description = "Partitions of each input topic (default: ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--worker-heap",
            description = "The worker's -Xmx outside the memory scenario (default: ${DEFAULT-VALUE}).")
    String workerHeap = "512m";

    @Option(names = "--worker-jvm-arg", paramLabel = "ARG",
            description = "Another flag for every worker's JVM, e.g. -XX:TieredStopAtLevel=1 (repeatable).")
    List<String> workerJvmArgs = new ArrayList<>();

    @Option(names = "--jfr", arity = "0..1", fallbackValue = "profile", paramLabel = "SETTINGS",
            description = "Record each worker with JFR into OUT, with these settings (a .jfc; default: profile).")
    String jfr;

    @Option(names = "--calls-csv", description = "Write every call each emulator received into OUT, one CSV per run.")
    boolean callsCsv;

    @Option(names = "--drain-events", description = "drain: backlog size (default: ${DEFAULT-VALUE}).")
    int drainEvents = 200_000;

    @Option(names = "--drain-groups", description = "drain: groups it spreads over (default: ${DEFAULT-VALUE}).")
    int drainGroups = 2_000;

    @Option(names = "--peer-seconds", description = "peer-drain: seconds each peer runs (default: ${DEFAULT-VALUE}).")
    int peerSeconds = 30;

    @Option(names = "--peer-concurrency", description = "peer-drain, distinct: Parallel Consumer's maxConcurrency "
            + "(default: ${DEFAULT-VALUE}, the worker's max-in-flight-per-route).")
    int peerConcurrency = 64;

    @Option(names = "--distinct-events",
            description = "distinct: events, each its own group (default: ${DEFAULT-VALUE}).")
    int distinctEvents = 2_000;

    @Option(names = "--throughput-events", description = "throughput: backlog size (default: ${DEFAULT-VALUE}).")
    int throughputEvents = 200_000;

    @Option(names = "--throughput-groups", description = "throughput: groups (default: ${DEFAULT-VALUE}).")
    int throughputGroups = 2_000;

    @Option(names = "--throughput-limit", description = "throughput: the limit that keeps the vendor out of the way "
            + "(default: ${DEFAULT-VALUE}).")
    int throughputLimit = 100_000;

    @Option(names = "--commit-intervals", split = ",", description = "throughput: the worker's commit intervals "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> commitIntervals = List.of("100ms", "1s");

    @Option(names = "--latency-seconds", description = "latency: seconds of steady load (default: ${DEFAULT-VALUE}).")
    int latencySeconds = 30;

    @Option(names = "--latency-warmup", description = "latency: first seconds left out of the percentiles "
            + "(default: ${DEFAULT-VALUE}).")
    int latencyWarmup = 5;

    @Option(names = "--latency-groups", description = "latency: groups (default: ${DEFAULT-VALUE}).")
    int latencyGroups = 10_000;

    @Option(names = "--memory-events", description = "memory: backlog size (default: ${DEFAULT-VALUE}).")
    int memoryEvents = 1_000_000;

    @Option(names = "--memory-groups", description = "memory: groups (default: ${DEFAULT-VALUE}).")
    int memoryGroups = 100_000;

    @Option(names = "--memory-heap", description = "memory: the worker's -Xmx (default: ${DEFAULT-VALUE}).")
    String memoryHeap = "256m";

    @Option(names = "--memory-limit", description = "memory: Tencent calls per second (default: ${DEFAULT-VALUE}).")
    int memoryLimit = 2_000;

    @Option(names = "--memory-seconds", description = "memory: stop each run after this long if not drained "
            + "(default: ${DEFAULT-VALUE}).")
    int memorySeconds = 60;

    @Option(names = "--footprint-events", description = "footprint: pending records per run (default: ${DEFAULT-VALUE}).")
    int footprintEvents = 100_000;

    @Option(names = "--footprint-heap", description = "footprint: the worker's -Xmx (default: ${DEFAULT-VALUE}).")
    String footprintHeap = "1g";

    @Option(names = "--memory-caps", split = ",", paramLabel = "RECORDS/KEYS", description = "memory: a second run "
            + "with pipeline.max-pending-records/max-pending-keys sized for the heap, e.g. 100000/40000; none to "
            + "skip (default: ${DEFAULT-VALUE}).")
    List<String> memoryCaps = List.of("100000/40000");

    @Option(names = "--fanout-events", description = "fanout: events (default: ${DEFAULT-VALUE}).")
    int fanoutEvents = 40_000;

    @Option(names = "--fanout-groups", description = "fanout: groups (default: ${DEFAULT-VALUE}).")
    int fanoutGroups = 1_000;

    @Option(names = "--scaleout-events", description = "scaleout: backlog size (default: ${DEFAULT-VALUE}).")
    int scaleoutEvents = 60_000;

    @Option(names = "--scaleout-groups", description = "scaleout: groups (default: ${DEFAULT-VALUE}).")
    int scaleoutGroups = 3_000;

    @Option(names = "--scaleout-instances", split = ",", description = "scaleout: worker processes in the group, one "
            + "run each; the largest also runs with Redis killed and with one instance killed (default: "
            + "${DEFAULT-VALUE}).")
    List<Integer> scaleoutInstances = List.of(1, 2, 3);

    @Option(names = "--scaleout-outage-seconds", description = "scaleout: how long Redis stays away "
            + "(default: ${DEFAULT-VALUE}).")
    int scaleoutOutageSeconds = 5;

    @Option(names = "--bucket-cost-rates", split = ",", description = "bucket-cost: fleet-wide calls per second, "
            + "one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> bucketCostRates = List.of(200, 2_000);

    @Option(names = "--bucket-cost-seconds", description = "bucket-cost: seconds per run (default: ${DEFAULT-VALUE}).")
    int bucketCostSeconds = 10;

    Stack stack;
    /** The drain's outcome, which peer-drain compares the peers with. */
    Drain.Outcome drain;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // Parallel Consumer logs every start, assignment and close at INFO; the bench's own lines say enough.
        for (String chatty : List.of("io.confluent.parallelconsumer", "pl.tlinkowski.unij")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(chatty))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = scenarios.isEmpty() ? List.copyOf(SCENARIOS.keySet()) : scenarios;
        for (String name : names) {
            if (!SCENARIOS.containsKey(name)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "no scenario " + name + "; there are " + String.join(", ", SCENARIOS.keySet()));
            }
        }
        Files.createDirectories(out);
        Path jsonFile = json != null ? json : out.resolve("bench.json");
        Files.deleteIfExists(jsonFile);
        List<Report> reports = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        say("starting a Kafka broker (KRaft); results go to " + out.toAbsolutePath());
        try (Stack started = Stack.start()) {
            stack = started;
            for (String name : names) {
                Report report = new Report(name);
                long t0 = System.nanoTime();
                say("── " + name + " ──");
                DriverGc.reset();
                try {
                    SCENARIOS.get(name).run(this, report);
                } catch (Exception | AssertionError e) {
                    e.printStackTrace();
                    report.failed(e);
                }
                DriverGc.report(report);
                report.finish();
                say(String.format(Locale.ROOT, "%s took %.0f s", name, (System.nanoTime() - t0) / 1e9));
                reports.add(report);
                Files.writeString(jsonFile, mapper.writeValueAsString(report.json()) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        System.out.print(Report.table(reports));
        say("JSON: " + jsonFile.toAbsolutePath() + "; charts in " + out.toAbsolutePath());
        return reports.stream().allMatch(Report::ran) ? 0 : 1;
    }

    /** An event count times {@code --scale}. */
    int scaled(int count) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    /** Flight recordings go beside the charts when asked for. */
    /** The flags of a worker's JVM: its heap, then those given on the command line. */
    List<String> workerJvmArgs(String heap) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + heap);
        args.addAll(workerJvmArgs);
        return args;
    }

    Path jfrDir() {
        return jfr == null ? null : out.toAbsolutePath();
    }

    /** With --calls-csv: the emulator's calls as api,arrival seconds since {@code origin},HTTP status,throttled. */
    void callsCsv(String name, CallLog calls, long origin) throws IOException {
        if (!callsCsv) {
            return;
        }
        StringBuilder csv = new StringBuilder("api,arrival_s,status,throttled\n");
        calls.all().stream().sorted(Comparator.comparingLong(Call::arrivalNanos)).forEach(c -> csv.append(c.api())
                .append(',').append((c.arrivalNanos() - origin) / 1e9).append(',').append(c.status()).append(',')
                .append(c.throttled()).append('\n'));
        Files.writeString(out.resolve(name + "-calls.csv"), csv);
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double magnitude = Math.abs(value);
        double scale = magnitude >= 100 ? 10 : magnitude >= 1 ? 1000 : 10000;
        return Math.round(value * scale) / scale;
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(round(value));
    }

    static void say(String line) {
        System.err.println("bench: " + line);
    }

}
