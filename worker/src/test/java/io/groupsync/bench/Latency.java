package io.groupsync.bench;

import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Scenario 5, latency: a steady load at half the rate limit over many groups, published once the worker owns its
 * partitions; each event timed from its send to its result becoming visible to a read_committed reader. The first
 * seconds are left out of the percentiles: they time the worker's JIT, not its steady state.
 */
final class Latency {

    private Latency() {
    }

    static void run(Bench b, Report r) throws Exception {
        double rate = b.limit / 2.0;
        Stack.Topics topics = b.stack.topics("latency", b.partitions);
        Map<String, Workload.Sent> sent = new ConcurrentHashMap<>();
        r.size("events/s", rate).size("seconds", b.latencySeconds).size("warm-up s left out", b.latencyWarmup)
                .size("groups", b.latencyGroups).size("limit", b.limit);
        try (TencentEmulator tencent = b.stack.tencent(b.limit);
             GroupsyncRun run = new GroupsyncRun(b, "latency", topics, b.workerHeap, "100ms",
                     y -> y.tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                             b.stack.secret, b.limit), sent)) {
            if (!run.worker.awaitAssigned(Duration.ofSeconds(90))) {
                throw new IllegalStateException("the worker got no partitions; see " + run.worker.log());
            }
            long start = System.nanoTime();
            Bench.say(String.format(Locale.ROOT, "publishing %.0f events/s for %d s", rate, b.latencySeconds));
            int events = Workload.paced(b.stack.bootstrap(), topics.input(), rate,
                    Duration.ofSeconds(b.latencySeconds), b.latencyGroups, b.seed, sent);
            run.await(events, Duration.ofSeconds(60));
            run.stop();
            long from = start + Duration.ofSeconds(b.latencyWarmup).toNanos();
            List<ResultWatcher.Latency> steady = run.watcher.latencies().stream()
                    .filter(l -> l.sentNanos() >= from).toList();
            r.figure("events", events);
            r.figure("events timed", steady.size());
            r.target("p50 ms", percentile(steady, ResultWatcher.Latency::totalMs, 50), "<=", 100);
            r.target("p99 ms", percentile(steady, ResultWatcher.Latency::totalMs, 99), "<=", 250);
            r.figure("max ms", percentile(steady, ResultWatcher.Latency::totalMs, 100));
            r.figure("p50 ms send → consumed", percentile(steady, ResultWatcher.Latency::toConsumedMs, 50));
            r.figure("p50 ms consumed → completed", percentile(steady, ResultWatcher.Latency::toCompletedMs, 50));
            r.figure("p50 ms completed → visible", percentile(steady, ResultWatcher.Latency::toVisibleMs, 50));
            r.figure("p99 ms completed → visible", percentile(steady, ResultWatcher.Latency::toVisibleMs, 99));
            r.figure("vendor calls", tencent.calls().count());
            r.figure("throttling answers", tencent.calls().throttled());
            run.common(r, events);
            List<ResultWatcher.Latency> all = run.watcher.latencies();
            double[] x = all.stream().mapToDouble(l -> (l.sentNanos() - start) / 1e9).toArray();
            double[] y = all.stream().mapToDouble(ResultWatcher.Latency::totalMs).toArray();
            r.charts.add(Charts.draw(b.out, "latency.png", String.format(Locale.ROOT,
                            "latency: %.0f events/s over %,d groups, Tencent at %d/s", rate, b.latencyGroups, b.limit),
                    "seconds since the load started", "produce → committed result, ms", null, List.of(
                            new Charts.Line("one event", x, y, false, false, true),
                            Charts.level("p99 target 250 ms", 250, b.latencySeconds),
                            Charts.level("p50 target 100 ms", 100, b.latencySeconds))));
        }
    }

    /** The nearest-rank percentile; NaN for no values. */
    private static double percentile(List<ResultWatcher.Latency> values, ToDoubleFunction<ResultWatcher.Latency> f,
                                     double p) {
        return percentile(values.stream().mapToDouble(f).toArray(), p);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
