package io.groupsync.bench;

import io.groupsync.testkit.process.WorkerProcess;
import io.groupsync.testkit.process.WorkerYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker as its own process, started with the CLI from a YAML file as in production, so its heap flags, its
 * RSS and its CPU time are its own. Every 200 ms a sampler reads its metrics endpoint (records consumed, intake
 * paused) and what the OS knows of it (RSS, CPU time); its GC log gives the heap.
 */
final class WorkerRun implements AutoCloseable {

    /** One look at the worker; {@code seconds} since it was started. */
    record Sample(double seconds, long consumed, boolean paused, double rssMiB, double cpuSeconds) {
    }

    /** One GC pause from the log: heap used before and after it, in MiB. */
    record Gc(double seconds, double beforeMiB, double afterMiB) {
    }

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s].*Pause.*?(\\d+)M->(\\d+)M\\(\\d+M\\)");

    final String name;
    final long startNanos;
    final long startWallMillis;
    private final WorkerProcess process;
    private final Path gcLog;
    private final int metricsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread sampler;
    private volatile boolean sampling = true;
    private volatile boolean assigned;
    private double peakRssMiB = Double.NaN;
    private Map<String, Double> cpuByThread = Map.of();

    /**
     * @param jvmArgs heap and other flags of the worker's JVM; a GC log is added, and a flight recording into
     *                {@code jfrDir} with {@code jfrSettings} when it is not null
     */
    WorkerRun(Path home, String name, WorkerYaml yaml, List<String> jvmArgs, Path jfrDir, String jfrSettings) {
        this.name = name;
        this.metricsPort = Stack.freePort();
        this.gcLog = home.resolve(name + "-gc.log");
        Path config = yaml.metricsPort(metricsPort).write(home.resolve(name + ".yaml"));
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-Xlog:gc:file=" + gcLog + ":uptime");
        if (jfrDir != null) {
            args.add("-XX:StartFlightRecording=filename=" + jfrDir.resolve(name + ".jfr") + ",settings=" + jfrSettings);
        }
        this.process = new WorkerProcess(config, home.resolve(name + ".log"), args);
        this.startNanos = System.nanoTime();
        this.startWallMillis = System.currentTimeMillis();
        process.start();
        this.sampler = new Thread(this::sample, "bench-sampler-" + name);
        sampler.setDaemon(true);
        sampler.start();
    }

    long pid() {
        return process.handle().pid();
    }

    /** Records consumed at the last sample; -1 before the first. */
    long consumed() {
        return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).consumed();
    }

    /** One gauge or counter of the worker's metrics now; 0 when it has none (or is not serving). */
    double metric(String name) throws InterruptedException {
        try {
            return metric(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body(), name);
        } catch (IOException e) {
            return 0;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return process.log();
    }

    /** Waits until the worker owns its partitions: ready for a paced load. */
    boolean awaitAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return assigned;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** When the worker had consumed {@code count} records, in seconds since its start; NaN if it never did. */
    double secondsWhenConsumed(long count) {
        return samples.stream().filter(s -> s.consumed() >= count).mapToDouble(Sample::seconds).findFirst()
                .orElse(Double.NaN);
    }

    double cpuSeconds() {
        return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).cpuSeconds();
    }

    /** CPU seconds by what the threads do ({@link Machine#threadCpuSeconds}), read just before the stop. */
    Map<String, Double> cpuByThread() {
        return cpuByThread;
    }

    /** Peak RSS (VmHWM), read just before the stop. */
    double peakRssMiB() {
        return peakRssMiB;
    }

    /** Stops the worker with SIGTERM and returns its exit code (0 after a clean stop). */
    int stop() throws InterruptedException {
        peakRssMiB = Machine.rssMiB(process.handle().pid())[1];
        cpuByThread = Machine.threadCpuSeconds(process.handle());
        sampling = false;
        sampler.join(2_000);
        // On a process that already died on its own this only collects its exit code.
        return process.stop(Duration.ofSeconds(60));
    }

    /** kill -9, mid-work: no shutdown hook, no commit. */
    void kill() throws InterruptedException {
        sampling = false;
        process.kill();
    }

    List<Gc> gcs() throws IOException {
        List<Gc> out = new ArrayList<>();
        if (!Files.exists(gcLog)) {
            return out;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                out.add(new Gc(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return out;
    }

    boolean logMentions(String text) throws IOException {
        try (var lines = Files.lines(process.log())) {
            return lines.anyMatch(l -> l.contains(text));
        }
    }

    @Override
    public void close() {
        sampling = false;
        process.close();
    }

    private void sample() {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(1)).build();
        while (sampling && process.isAlive()) {
            long consumed = -1;
            boolean paused = false;
            try {
                String text = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                consumed = (long) metric(text, "groupsync_events_consumed_total");
                paused = metric(text, "groupsync_intake_paused") > 0;
                assigned |= metric(text, "groupsync_partitions_assigned") > 0;
            } catch (IOException e) {
                // Not serving yet (starting) or any more (stopping): this sample has no metrics.
            } catch (InterruptedException e) {
                return;
            }
            long pid = process.handle().pid();
            samples.add(new Sample((System.nanoTime() - startNanos) / 1e9, consumed, paused, Machine.rssMiB(pid)[0],
                    Machine.cpuSeconds(process.handle())));
            try {
                Thread.sleep(SAMPLE_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
