package io.groupsync.bench;

import io.groupsync.testkit.process.WorkerYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One worker process over one input topic with a reader of its outputs: started, awaited, stopped, and the figures
 * every scenario reports about it. Times on the worker's wall clock (a result's consumedAt) are moved onto the
 * driver's monotonic clock through the moment the worker was started, which both clocks saw.
 */
final class GroupsyncRun implements AutoCloseable {

    final WorkerRun worker;
    final ResultWatcher watcher;
    private final double driverCpuAtStart = Machine.cpuSeconds(ProcessHandle.current());
    private double driverCpu = Double.NaN;
    private int exitCode = Integer.MIN_VALUE;
    private final Path out;

    /**
     * @param routes adds the worker's routes to its YAML
     * @param sent   when each event was published, for latencies; null if not timed
     */
    GroupsyncRun(Bench bench, String name, Stack.Topics topics, String heap, String commitInterval,
                 UnaryOperator<WorkerYaml> routes, Map<String, Workload.Sent> sent) {
        this.out = bench.out;
        this.watcher = new ResultWatcher(bench.stack.bootstrap(), topics.results(), topics.deadLetters(), sent);
        WorkerYaml yaml = routes.apply(new WorkerYaml(bench.stack.bootstrap())
                .group("bench-" + name, name)
                .topics(topics.input(), topics.results(), topics.deadLetters())
                .commitInterval(commitInterval));
        this.worker = new WorkerRun(bench.stack.home, name, yaml, bench.workerJvmArgs(heap), bench.jfrDir(),
                bench.jfr);
        Bench.say("worker " + name + " started (log " + worker.log() + ")");
    }

    /** Waits for {@code expected} results; false if the time ran out or the worker died first. */
    boolean await(long expected, Duration timeout) throws InterruptedException {
        return watcher.awaitResults(expected, timeout, worker::isAlive);
    }

    /** SIGTERM, then the exit code; 0 after a clean stop. A worker that failed leaves its log in OUT. */
    int stop() throws InterruptedException {
        if (exitCode == Integer.MIN_VALUE) {
            exitCode = worker.stop();
            driverCpu = Machine.cpuSeconds(ProcessHandle.current()) - driverCpuAtStart;
            if (exitCode != 0) {
                try {
                    Files.copy(worker.log(), out.resolve(worker.name + ".log"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Bench.say("could not keep the log of " + worker.name + ": " + e.getMessage());
                }
            }
        }
        return exitCode;
    }

    /** A wall-clock time of the worker's, as a driver nanoTime. */
    long nanosOf(long wallMillis) {
        return worker.startNanos + (wallMillis - worker.startWallMillis) * 1_000_000L;
    }

    /** From the worker's first consumed record to the last result a read_committed reader saw. */
    double drainSeconds() {
        return (watcher.lastSeenNanos() - firstConsumedNanos()) / 1e9;
    }

    long firstConsumedNanos() {
        return nanosOf(watcher.firstConsumedAtMillis());
    }

    /** From the process start to its first consumed record: JVM start, group join, transactions set up. */
    double startupSeconds() {
        return (watcher.firstConsumedAtMillis() - worker.startWallMillis) / 1000.0;
    }

    /** Seconds from the first consumed record until the worker had consumed all {@code events}. */
    double intakeSeconds(long events) {
        return worker.secondsWhenConsumed(events) - (firstConsumedNanos() - worker.startNanos) / 1e9;
    }

    /** Figures every run reports: completeness, exactly-once, a clean stop, and where the CPU went. */
    void common(Report report, long expectedResults) {
        report.figure("results", watcher.results());
        report.target("missing results", expectedResults - watcher.results(), "<=", 0);
        report.target("duplicate results", watcher.duplicates(), "<=", 0);
        if (watcher.unreadable() > 0) {
            report.figure("unreadable results", watcher.unreadable());
        }
        report.figure("dead letters", watcher.deadLetters());
        if (watcher.deadLetters() > 0) {
            report.figure("dead letters by route and reason", watcher.deadLetterReasons());
        }
        report.figure("worker exit code", exitCode);
        report.figure("worker startup s", startupSeconds());
        report.figure("worker CPU s", worker.cpuSeconds());
        report.figure("worker CPU µs per event", worker.cpuSeconds() * 1e6 / Math.max(1, expectedResults));
        // Where the worker's CPU went: a fresh JVM's JIT and its collector beside the pipeline's own threads.
        worker.cpuByThread().forEach((role, seconds) -> report.figure("worker CPU s, " + role, seconds));
        report.figure("driver CPU s (emulators, reader)", driverCpu);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            worker.close();
        } finally {
            watcher.close();
        }
    }
}
