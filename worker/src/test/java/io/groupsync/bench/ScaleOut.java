package io.groupsync.bench;

import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.process.WorkerYaml;
import io.groupsync.testkit.redis.RedisServer;
import io.groupsync.testkit.workload.Convergence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Scenario scaleout: the same backlog drained by 1, 2 and 3 worker processes in one consumer group, one Tencent
 * route whose limit they share through Redis ({@code rate-limit.store: redis}); then the largest fleet again with
 * Redis killed mid-drain and started again, and with one instance killed -9 mid-drain. Figures per run, from the
 * emulator's arrivals (busiest sliding second across every instance, throttling answers, limit use) and a
 * {@code read_committed} reader (one result per event), and whether the vendor converged.
 */
final class ScaleOut {

    /** What happens to the fleet mid-drain, once a third of the results are in. */
    enum Disruption { NONE, REDIS_OUTAGE, KILL_ONE }

    private ScaleOut() {
    }

    static void run(Bench b, Report r) throws Exception {
        int events = b.scaled(b.scaleoutEvents);
        r.size("events", events).size("groups", b.scaleoutGroups).size("partitions", b.partitions)
                .size("limit", b.limit).size("instances", b.scaleoutInstances.toString())
                .size("outage s", b.scaleoutOutageSeconds);
        int largest = b.scaleoutInstances.stream().mapToInt(Integer::intValue).max().orElse(1);
        // Its own broker, with Kafka's default initial rebalance delay (the test broker's is 0): instances started
        // together join one generation, as on a production broker, instead of the first taking every partition and
        // handing most of them over, half read, a second later.
        try (Stack stack = Stack.start(Map.of("group.initial.rebalance.delay.ms", "3000"));
             RedisServer redis = RedisServer.startNew()) {
            for (int n : b.scaleoutInstances) {
                once(b, stack, r, redis, events, n, Disruption.NONE);
            }
            once(b, stack, r, redis, events, largest, Disruption.REDIS_OUTAGE);
            once(b, stack, r, redis, events, largest, Disruption.KILL_ONE);
        }
    }

    private static void once(Bench b, Stack stack, Report r, RedisServer redis, int events, int instances,
                             Disruption disruption) throws Exception {
        String label = instances + "x" + (disruption == Disruption.NONE ? ""
                : disruption == Disruption.REDIS_OUTAGE ? " redis-outage" : " kill-9");
        String id = label.replace(' ', '-');
        Bench.say("scaleout " + label + ": publishing " + events + " edits over " + b.scaleoutGroups + " groups");
        Stack.Topics topics = stack.topics("scaleout-" + id, b.partitions);
        Workload.Backlog backlog = Workload.backlog(stack.bootstrap(), topics.input(), events, b.scaleoutGroups,
                b.seed, true);
        double floor = (double) backlog.distinctKeys() / b.limit;
        List<WorkerRun> workers = new ArrayList<>();
        try (TencentEmulator tencent = stack.tencent(b.limit);
             ResultWatcher watcher = new ResultWatcher(stack.bootstrap(), topics.results(), topics.deadLetters(),
                     null)) {
            for (int i = 0; i < instances; i++) {
                WorkerYaml yaml = new WorkerYaml(stack.bootstrap()).group("bench-scaleout-" + id, id + "-" + i)
                        .topics(topics.input(), topics.results(), topics.deadLetters()).commitInterval("100ms")
                        .rateLimit("store", "redis").rateLimit("redis-url", redis.url())
                        // A member killed -9 keeps its partitions (static membership) until its session times out:
                        // 10 s rather than 45 s, so the kill-9 run's drain is not mostly that wait.
                        .consumer("session.timeout.ms", "10000")
                        .tencentRoute("tencent", tencent.baseUri(), Stack.SDK_APP_ID, Stack.TENCENT_ADMIN,
                                stack.secret, b.limit);
                workers.add(new WorkerRun(stack.home, "scaleout-" + id + "-" + i, yaml,
                        b.workerJvmArgs(b.workerHeap), b.jfrDir(), b.jfr));
            }
            Duration timeout = Duration.ofSeconds((long) (floor * 4) + 120 + b.scaleoutOutageSeconds);
            long disruptedAt = 0;
            boolean complete;
            if (disruption == Disruption.NONE) {
                complete = watcher.awaitResults(events, timeout, () -> anyAlive(workers));
            } else {
                watcher.awaitResults(events / 3, timeout, () -> anyAlive(workers));
                disruptedAt = System.nanoTime();
                if (disruption == Disruption.REDIS_OUTAGE) {
                    Bench.say("scaleout " + label + ": Redis killed for " + b.scaleoutOutageSeconds + " s");
                    redis.stop();
                    Thread.sleep(b.scaleoutOutageSeconds * 1000L);
                    redis.start();
                } else {
                    Bench.say("scaleout " + label + ": instance " + (instances - 1) + " killed -9");
                    workers.get(instances - 1).kill();
                }
                complete = watcher.awaitResults(events, timeout, () -> anyAlive(workers));
            }
            double unused = 0;
            double late = 0;
            for (WorkerRun worker : workers) {
                unused += worker.isAlive() ? worker.metric("groupsync_rate_limit_unused_tokens_total") : 0;
                late += worker.isAlive() ? worker.metric("groupsync_rate_limit_late_calls_total") : 0;
            }
            int failedStops = 0;
            for (WorkerRun worker : workers) {
                if (worker.isAlive() && worker.stop() != 0) {
                    failedStops++;
                }
            }
            CallStats calls = new CallStats(tencent.calls(), TencentEmulator.MODIFY_GROUP_BASE_INFO, b.limit);
            long origin = workers.get(0).startNanos + (watcher.firstConsumedAtMillis()
                    - workers.get(0).startWallMillis) * 1_000_000L;
            double drain = (watcher.lastSeenNanos() - origin) / 1e9;
            String p = label + ": ";
            r.figure(p + "complete", complete);
            r.target(p + "busiest second (all instances)", calls.busiestSecond(), "<=", b.limit);
            r.target(p + "throttling answers", tencent.calls().throttled(), "<=", 0);
            r.target(p + "limit use", calls.limitUse(), ">=", 0.90);
            if (disruption == Disruption.KILL_ONE) {
                r.target(p + "limit use after the kill", useAfter(tencent, disruptedAt, b.limit), ">=", 0.90);
            }
            r.figure(p + "drain s", drain);
            r.figure(p + "drain ÷ floor", drain / floor);
            r.figure(p + "shared tokens let pass unused (live instances)", unused);
            r.figure(p + "calls too late for their slot (live instances)", late);
            r.figure(p + "intake done s, each instance", intakeDone(workers, origin));
            r.figure(p + "calls ÷ distinct keys", (double) calls.count() / backlog.distinctKeys());
            r.target(p + "missing results", events - watcher.results(), "<=", 0);
            r.target(p + "duplicate results", watcher.duplicates(), "<=", 0);
            r.figure(p + "dead letters", watcher.deadLetters());
            r.target(p + "vendor differs from the fold", Convergence.tencent(backlog.fold(), tencent).size(), "<=", 0);
            r.figure(p + "unclean stops", failedStops);
            b.callsCsv("scaleout-" + id, tencent.calls(), origin);
            Bench.say(String.format(Locale.ROOT, "scaleout %s: busiest %d, throttled %d, drain ÷ floor %.2f",
                    label, calls.busiestSecond(), tencent.calls().throttled(), drain / floor));
        } finally {
            for (WorkerRun worker : workers) {
                worker.close();
            }
        }
    }

    /** When each instance had read all it would read, in seconds since the fleet's first record. */
    private static String intakeDone(List<WorkerRun> workers, long origin) {
        List<String> done = new ArrayList<>();
        for (WorkerRun worker : workers) {
            long read = worker.consumed();
            double at = worker.secondsWhenConsumed(read) + (worker.startNanos - origin) / 1e9;
            done.add(String.format(Locale.ROOT, "%.1f", at));
        }
        return String.join(" ", done);
    }

    private static boolean anyAlive(List<WorkerRun> workers) {
        return workers.stream().anyMatch(WorkerRun::isAlive);
    }

    /** The limit's use from {@code fromNanos} to the last call: whether the survivors took up the dead one's share. */
    private static double useAfter(TencentEmulator tencent, long fromNanos, int limit) {
        long[] after = tencent.calls().of(TencentEmulator.MODIFY_GROUP_BASE_INFO).stream()
                .mapToLong(Call::arrivalNanos).filter(t -> t >= fromNanos).sorted().toArray();
        if (after.length < 2) {
            return Double.NaN;
        }
        double span = (after[after.length - 1] - after[0]) / 1e9;
        return span < 1 ? Double.NaN : (after.length - 1) / span / limit;
    }
}
